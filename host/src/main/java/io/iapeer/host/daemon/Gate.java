package io.iapeer.host.daemon;

import io.iapeer.core.storage.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.node.ObjectNode;

/**
 * What every request passes first, on both listeners (02 §8.3): the bearer gate when a token is
 * configured (401), then DNS-rebinding protection (403) — a browser page must not reach the daemon
 * through a foreign {@code Origin}, or a name that resolves to loopback ({@code Host}). Requests
 * without an Origin (CLI and agent clients) pass. The unix socket skips the Host check: no browser
 * connects to it.
 */
final class Gate extends Handler.Wrapper {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

  private final Optional<String> bearer;

  Gate(Handler next, Optional<String> bearer) {
    super(next);
    this.bearer = bearer;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (bearer.isPresent()
        && !("Bearer " + bearer.get()).equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      return refuse(response, callback, 401, -32001, "unauthorized");
    }
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin != null && !loopbackOrigin(origin)) {
      return refuse(response, callback, 403, -32000, "forbidden origin: " + origin);
    }
    boolean socket = request.getConnectionMetaData().getLocalSocketAddress() instanceof UnixDomainSocketAddress;
    String host = request.getHttpURI().getHost();
    if (!socket && host != null && !LOOPBACK.contains(host)) {
      return refuse(response, callback, 403, -32000, "forbidden host: " + host);
    }
    return super.handle(request, response, callback);
  }

  /** An http(s) origin naming a loopback host; {@code null} (sandboxed frames, files) is foreign. */
  static boolean loopbackOrigin(String origin) {
    try {
      URI u = new URI(origin.strip());
      return ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
          && u.getHost() != null
          && LOOPBACK.contains(u.getHost());
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * A JSON-RPC error body, as MCP clients expect from this endpoint; no CORS headers, ever. The
   * request's body is never read, so the connection is closed, and says so: a client that pooled it
   * would send its next request into a socket the server is closing.
   */
  private static boolean refuse(Response response, Callback callback, int status, int code, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    ObjectNode body = Json.object().put("jsonrpc", "2.0").putNull("id");
    body.putObject("error").put("code", code).put("message", message);
    response.write(true, BufferUtil.toBuffer(Json.compact(body), StandardCharsets.UTF_8), callback);
    return true;
  }
}
