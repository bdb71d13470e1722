package io.iapeer.host.cli;

import io.iapeer.core.settings.Env;
import io.iapeer.host.client.CliAnswer;
import io.iapeer.host.client.CliCall;
import io.iapeer.host.daemon.CliVerbs;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;

/**
 * The daemon's side of 06 D4: a caller's verb run in the daemon's process, with the daemon's own
 * environment (its layout, settings, PATH — what the sessions it starts inherit) and only the
 * caller's identity added, so a self-call still knows which session called. Non-interactive.
 *
 * @param env the daemon's environment
 */
public record DaemonVerbs(Env env) implements CliVerbs {
  @Override
  public CliAnswer run(CliCall call) {
    Env callers = env.without(CliCall.IDENTITY.toArray(String[]::new));
    for (var v : call.identity().entrySet()) {
      callers = callers.with(v.getKey(), v.getValue());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out);
    PrintWriter e = new PrintWriter(err);
    Context ctx = new Context(callers, call.cwd(), new BufferedReader(new StringReader("")), o, e, false, true);
    int code = Cli.run(call.argv().toArray(String[]::new), ctx);
    o.flush();
    e.flush();
    return new CliAnswer(code, out.toString(), err.toString());
  }
}
