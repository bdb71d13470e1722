package io.iapeer.host.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: lists every verb, grouped by area. */
@Command(
    name = "iapeer",
    customSynopsis = "usage: iapeer <verb> [args]",
    description = "Keeps every AI agent, human and service on this host one message away.",
    footer = {"", "Run `iapeer <verb> --help` for a verb's options."},
    subcommands = {
      VersionCommand.class,
      InitCommand.class,
      CreateCommand.class,
      ListCommand.class,
      VerifyCommand.class,
      RemoveCommand.class,
      AddRuntimeCommand.class,
      DefaultRuntimeCommand.class,
    })
public final class IapeerCommand implements Runnable {
  /** Help groups in display order; every subcommand appears in exactly one. */
  static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    GROUPS.put("Peers", List.of("init", "create", "list", "verify", "remove", "add-runtime", "default-runtime"));
    GROUPS.put("About", List.of("version", "help"));
  }

  @Override
  public void run() {
    // Cli.run dispatches before picocli ever runs the root without a verb.
  }

  /** Renders the verb list grouped, one signature and description per verb. */
  static String commandList(CommandLine root) {
    StringBuilder sb = new StringBuilder();
    for (var group : GROUPS.entrySet()) {
      sb.append('\n').append(group.getKey()).append(":\n");
      for (String verb : group.getValue()) {
        String signature;
        String desc;
        if (verb.equals("help")) {
          signature = "iapeer help [verb]";
          desc = "this overview, or one verb's usage";
        } else {
          CommandLine sub = root.getSubcommands().get(verb);
          signature = Cli.synopsis(sub);
          String[] d = sub.getCommandSpec().usageMessage().description();
          desc = d.length > 0 ? d[0] : "";
        }
        sb.append("  ").append(signature.replaceFirst("^usage: ", "")).append('\n');
        sb.append("      ").append(desc).append('\n');
      }
    }
    return sb.toString();
  }
}
