package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Names;
import io.iapeer.core.settings.Setting;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Runs one invocation: help interception on raw argv, verb dispatch, and the single mapping of
 * failures to a line and an exit code (04 §1.2–§1.4, 06 D10).
 */
public final class Cli {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  private Cli() {}

  public static int run(String[] args, Context ctx) {
    if (System.getProperty("os.name", "").startsWith("Windows")) {
      // Unix sockets, tmux and POSIX file modes are the ground this stands on (01 §14.4, §18).
      ctx.err().println("iapeer: POSIX transport required, Windows support deferred");
      return FAILED;
    }
    if (args.length == 0) {
      ctx.err().println("iapeer: no verb given");
      commandLine(ctx, null).usage(ctx.err());
      return USAGE;
    }
    // --help anywhere prints help and runs nothing; `help <verb>` is per-verb help.
    boolean helpVerb = args[0].equals("help");
    if (helpVerb || Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      String target = helpVerb ? (args.length > 1 ? args[1] : null) : args[0];
      boolean known = target != null && IapeerCommand.VERBS.containsKey(target);
      CommandLine root = commandLine(ctx, known ? target : null);
      (known ? root.getSubcommands().get(target) : root).usage(ctx.out());
      return OK;
    }
    if (args[0].equals("--version") || args[0].equals("-v")) {
      args[0] = "version";
    }
    if (!IapeerCommand.VERBS.containsKey(args[0]) && Names.isRuntime(args[0])) {
      return FolderLaunch.run(args, ctx);
    }
    if (!IapeerCommand.VERBS.containsKey(args[0])) {
      ctx.err().println("iapeer: unknown verb \"" + args[0] + "\"");
      commandLine(ctx, null).usage(ctx.err());
      return USAGE;
    }
    if (ViaDaemon.forwards(args[0], ctx)) {
      Optional<Integer> code = ViaDaemon.run(args, ctx);
      if (code.isPresent()) {
        return code.get();
      }
    }
    return commandLine(ctx, args[0]).execute(args);
  }

  /** The root with one verb registered, or all of them when {@code only} is null. */
  static CommandLine commandLine(Context ctx, String only) {
    IFactory factory = factory(ctx);
    CommandLine cl = new CommandLine(new IapeerCommand(), factory);
    for (var v : IapeerCommand.VERBS.entrySet()) {
      if (only == null || only.equals(v.getKey())) {
        cl.addSubcommand(v.getKey(), new CommandLine(v.getValue(), factory));
      }
    }
    cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
        help -> IapeerCommand.commandList(cl));
    // Our synopses already start with "usage: iapeer …" (04 §1.2); picocli's headings would repeat it.
    cl.getCommandSpec().usageMessage().commandListHeading("");
    for (CommandLine c : cl.getSubcommands().values()) {
      c.getCommandSpec().usageMessage().synopsisHeading("");
    }
    cl.getCommandSpec().usageMessage().synopsisHeading("");
    cl.setOut(ctx.out());
    cl.setErr(ctx.err());
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          // The targeted argument error of 04 §1.4, like every UsageError: the usage names the verb.
          CommandLine c = ex.getCommandLine();
          ctx.err().println("iapeer: " + lowerFirst(ex.getMessage()) + " — usage: " + synopsis(c));
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          String verb = c.getCommandName();
          if (ex instanceof UsageError u) {
            ctx.err().println("iapeer: " + u.getMessage());
            return USAGE;
          }
          if (ex instanceof IapException || ex instanceof UncheckedIOException) {
            ctx.err().println("iapeer " + verb + ": " + ex.getMessage());
            return FAILED;
          }
          ctx.err().println("iapeer " + verb + ": internal error: " + ex);
          if (ctx.env().isTrue(Setting.IAPEER_DEBUG.name())) {
            ex.printStackTrace(ctx.err());
          }
          return FAILED;
        });
    return cl;
  }

  /** The verb's own signature line, e.g. {@code iapeer remove <peer> [--force]}. */
  static String synopsis(CommandLine c) {
    String[] custom = c.getCommandSpec().usageMessage().customSynopsis();
    return custom.length > 0 ? custom[0].trim().replaceFirst("^usage: ", "") : "iapeer " + c.getCommandName();
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  private static IFactory factory(Context ctx) {
    return new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          return cls.getDeclaredConstructor(Context.class).newInstance(ctx);
        } catch (NoSuchMethodException e) {
          return CommandLine.defaultFactory().create(cls);
        }
      }
    };
  }
}
