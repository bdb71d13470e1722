package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Json;
import io.iapeer.host.client.CliAnswer;
import io.iapeer.host.client.CliCall;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import tools.jackson.core.JacksonException;

/**
 * {@code POST /cli/verb}: a session-changing CLI verb run here, in the daemon (06 D4) — {@code new},
 * {@code stop}, {@code self-fresh} and the others of {@link CliCall#VERBS}. Behind the same gate as
 * {@code /cli/send}, and on the unix socket only: the verb acts as the daemon's user, and the 0600
 * socket is what says the caller is that user too. A call it will not run is a 400 with one line.
 */
final class CliVerbServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  /** Empty in a daemon that serves sends only; its callers then run their verbs themselves. */
  private final transient Optional<CliVerbs> verbs;

  private final transient DaemonLog log;

  CliVerbServlet(Optional<CliVerbs> verbs, DaemonLog log) {
    this.verbs = verbs;
    this.log = log;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    if (verbs.isEmpty()) {
      refuse(res, 404, "this daemon runs no CLI verbs");
      return;
    }
    if (!(ServletContextRequest.getServletContextRequest(req).getConnectionMetaData().getLocalSocketAddress()
        instanceof UnixDomainSocketAddress)) {
      refuse(res, 403, "CLI verbs are run for callers on the daemon's unix socket only");
      return;
    }
    CliCall call;
    try {
      call = CliCall.read(Json.parse(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8)));
    } catch (JacksonException e) {
      refuse(res, 400, "unreadable CLI call: " + Json.shortMessage(e));
      return;
    } catch (IapException e) {
      refuse(res, 400, e.getMessage());
      return;
    }
    if (!CliCall.VERBS.contains(call.verb())) {
      refuse(res, 400, "the daemon does not run \"" + call.verb() + "\" for the CLI (it runs: "
          + String.join(", ", new TreeSet<>(CliCall.VERBS)) + ")");
      return;
    }
    log.trace("cli/verb " + String.join(" ", call.argv()) + " cwd=" + call.cwd()
        + " caller=" + call.identity().getOrDefault("PEER_IDENTITY", "-"));
    CliAnswer answer;
    try {
      answer = verbs.get().run(call);
    } catch (RuntimeException e) {
      log.warn("cli/verb " + call.verb() + " failed: " + e);
      answer = new CliAnswer(1, "", "iapeer " + call.verb() + ": internal error in the iapeer daemon: " + e + "\n");
    }
    res.setStatus(200);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(Json.compact(answer.toJson()));
  }

  private void refuse(HttpServletResponse res, int status, String line) throws IOException {
    log.trace("cli/verb REFUSED " + status + ": " + line);
    res.setStatus(status);
    res.setContentType("text/plain");
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(line + "\n");
  }
}
