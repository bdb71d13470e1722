package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.Json;
import io.iapeer.host.client.Wire;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.Router;
import io.iapeer.host.route.SendRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /cli/send}: {@code iapeer send} handed to the daemon (06 D4), so the session a send
 * wakes is the daemon's child. Not MCP: the CLI names its sender with {@code --from} (its parse
 * texts, 02 §12) and the delivery is logged {@code path=cli} (§11). It trusts its caller exactly
 * as far as the tool does — behind the same gate, the identity checked against the registry.
 */
final class CliSendServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<RegistrySnapshot> registry;
  private final transient Router router;
  private final transient DaemonLog log;

  CliSendServlet(Supplier<RegistrySnapshot> registry, Router router, DaemonLog log) {
    this.registry = registry;
    this.router = router;
    this.log = log;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    JsonNode body;
    try {
      body = Json.parse(new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (JacksonException e) {
      answer(res, 400, new Refused("unreadable send request: " + Json.shortMessage(e)));
      return;
    }
    String from = Wire.from(body);
    SendRequest request = Wire.readRequest(body, "cli");
    RouteResult result;
    try {
      RegistrySnapshot read = registry.get();
      Caller caller = Callers.fromFlag(from, read);
      log.trace("cli/send caller=" + caller.address());
      result = router.send(caller, request, read);
    } catch (IapException e) {
      log.trace("cli/send REJECTED caller=" + (from.isEmpty() ? "-" : from));
      result = new Refused(e.getMessage());
    } catch (RuntimeException e) {
      log.warn("cli/send from " + from + " failed: " + e);
      result = new Refused("internal error in the iapeer daemon: " + e.getMessage() + "; message NOT delivered");
    }
    answer(res, 200, result);
  }

  private static void answer(HttpServletResponse res, int status, RouteResult result) throws IOException {
    res.setStatus(status);
    res.setContentType("application/json");
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(Json.compact(Wire.result(result)));
  }
}
