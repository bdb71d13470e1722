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
    footer = {"", "Run `iapeer <verb> --help` for a verb's options."})
public final class IapeerCommand implements Runnable {
  /**
   * Every verb and its class. Cli registers only the verb being run — building picocli's model of
   * all of them costs start-up time on every call — and all of them for the overview.
   */
  static final Map<String, Class<?>> VERBS = new LinkedHashMap<>();

  /** Help groups in display order; every verb but the internal service entrypoints appears in exactly one. */
  static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

  static {
    VERBS.put("version", VersionCommand.class);
    VERBS.put("init", InitCommand.class);
    VERBS.put("create", CreateCommand.class);
    VERBS.put("list", ListCommand.class);
    VERBS.put("verify", VerifyCommand.class);
    VERBS.put("remove", RemoveCommand.class);
    VERBS.put("add-runtime", AddRuntimeCommand.class);
    VERBS.put("default-runtime", DefaultRuntimeCommand.class);
    VERBS.put("attach", AttachCommand.class);
    VERBS.put("interrupt", InterruptCommand.class);
    VERBS.put("compact", CompactCommand.class);
    VERBS.put("stop", StopCommand.class);
    VERBS.put("start", StartCommand.class);
    VERBS.put("refresh", RefreshCommand.class);
    VERBS.put("new", NewCommand.class);
    VERBS.put("self-fresh", SelfFreshCommand.class);
    VERBS.put("self-done", SelfDoneCommand.class);
    VERBS.put("send", SendCommand.class);
    VERBS.put("daemon", DaemonCommand.class);
    VERBS.put("status", StatusCommand.class);
    VERBS.put("install", InstallCommand.class);
    VERBS.put("onboard", OnboardCommand.class);
    VERBS.put("rollback", RollbackCommand.class);
    VERBS.put("uninstall", UninstallCommand.class);
    VERBS.put("run-infra", RunInfraCommand.class);
    VERBS.put("service-host", ServiceHostCommand.class);
    GROUPS.put("Peers", List.of("init", "create", "list", "verify", "remove", "add-runtime", "default-runtime"));
    GROUPS.put("Sessions", List.of("<runtime>", "attach", "interrupt", "compact", "stop", "start", "refresh", "new"));
    GROUPS.put("Messaging", List.of("send"));
    GROUPS.put("Agent self-calls", List.of("self-fresh", "self-done"));
    GROUPS.put("Daemon", List.of("daemon", "status"));
    GROUPS.put("Install", List.of("install", "onboard", "rollback", "uninstall"));
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
        } else if (verb.equals("<runtime>")) {
          signature = "iapeer <runtime> [args…]";
          desc = "starts claude or codex fresh for the peer in this folder, then attaches";
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
