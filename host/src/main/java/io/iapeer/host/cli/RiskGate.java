package io.iapeer.host.cli;

import java.io.IOException;
import java.util.Locale;

/** The security warning onboard shows and the explicit acceptance it needs (04 §3.8 step 1). */
final class RiskGate {
  static final String WARNING =
      """
      Security warning — please read.

      iapeer is beta infrastructure for live AI agents. It starts Claude Code and Codex sessions
      that run with their permission prompts turned off, and lets any agent on this host type a
      message into any other agent's session. An agent can be talked into running commands by
      what it reads, and a message can carry that text from one agent to the next.

      It is not a security boundary between users: everything runs as you, with your files, your
      credentials and your network. A Telegram bot token gives whoever holds it a line into your
      agents — keep it secret, and talk only to your own bot.

      Recommended baseline:
        • run it on a machine or account dedicated to agents, not next to your personal data;
        • give agents only the credentials their work needs;
        • keep the daemon on loopback (it is) and set IAPEER_BEARER_TOKEN on shared hosts;
        • review what your agents do: ~/.iapeer/logs holds every decision and delivery.

      I understand this is powerful and inherently risky. Continue?""";

  static final String NON_INTERACTIVE =
      "Non-interactive onboard: no TTY to confirm. Re-run with --accept-risk (or set IAPEER_ACCEPT_RISK=1)"
          + " to accept this risk explicitly.";

  private RiskGate() {}

  /** {@link Cli#OK} when accepted, else the exit code: 2 without a terminal, 1 when declined. */
  static int ask(Context ctx, boolean acceptFlag) throws IOException {
    if (acceptFlag || ctx.settings().acceptRisk()) {
      return Cli.OK;
    }
    if (!ctx.interactive()) {
      ctx.err().println(WARNING);
      ctx.err().println();
      ctx.err().println(NON_INTERACTIVE);
      return Cli.USAGE;
    }
    ctx.out().print(WARNING + " ");
    ctx.out().flush();
    String line = ctx.in().readLine();
    String a = line == null ? "" : line.strip().toLowerCase(Locale.ROOT);
    if (a.equals("y") || a.equals("yes")) {
      return Cli.OK;
    }
    ctx.out().println("onboard aborted — risk not accepted.");
    return Cli.FAILED;
  }
}
