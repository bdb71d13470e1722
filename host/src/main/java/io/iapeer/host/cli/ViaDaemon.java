package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Settings;
import io.iapeer.host.client.CliAnswer;
import io.iapeer.host.client.CliCall;
import io.iapeer.host.client.DaemonClient;
import java.time.Duration;
import java.util.Optional;

/**
 * 06 D4 on the CLI's side: a verb that can start or stop a session is run by the daemon that
 * answers on its socket, so every session is the daemon's child; with no daemon it runs here, and
 * says so on stderr. The daemon's output and exit code are the verb's.
 */
final class ViaDaemon {
  private ViaDaemon() {}

  /** Beyond the verb's own waits: the call's own way there and back, and the daemon's lock waits. */
  private static final Duration MARGIN = Duration.ofMinutes(5);

  /** attach asks for its wake only, from inside the verb: the terminal is this process's. */
  static boolean forwards(String verb, Context ctx) {
    return !ctx.inDaemon() && !verb.equals("attach") && CliCall.VERBS.contains(verb);
  }

  /** The verb's exit code when the daemon ran it; empty, after the stderr note, when none answered. */
  static Optional<Integer> run(String[] args, Context ctx) {
    DaemonClient daemon = DaemonClient.of(ctx.layout(), ctx.settings());
    Optional<CliAnswer> answer;
    try {
      answer = daemon.run(CliCall.of(args, ctx.cwd(), ctx.env()), wait(ctx.settings()));
    } catch (IapException e) {
      ctx.err().println("iapeer " + args[0] + ": " + e.getMessage());
      return Optional.of(Cli.FAILED);
    }
    if (answer.isEmpty()) {
      ctx.err().println(noDaemon(daemon, args[0]));
      return Optional.empty();
    }
    ctx.out().print(answer.get().out());
    ctx.err().print(answer.get().err());
    return Optional.of(answer.get().code());
  }

  static String noDaemon(DaemonClient daemon, String verb) {
    return "iapeer: no daemon answered on " + daemon.socket() + " — running " + verb + " here";
  }

  /**
   * The longest a verb may take in the daemon: a compact of a sleeper wakes it (boot deadline,
   * ready gate) and then waits for the compaction and the prompt after it.
   */
  private static Duration wait(Settings s) {
    return s.bootDeadline().plus(s.readyGate()).plus(s.compactDoneTimeout()).plus(s.compactReadyGrace())
        .plus(MARGIN);
  }
}
