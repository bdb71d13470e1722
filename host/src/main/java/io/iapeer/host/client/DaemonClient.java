package io.iapeer.host.client;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.SendRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Transport;
import tools.jackson.core.JacksonException;

/**
 * Talks to the running daemon (06 D4): its unix socket first, its loopback TCP port second. A
 * daemon that cannot be reached on either is "none answered", and the caller may do the work
 * itself; a daemon that took a request and then failed is an error, never a reason to do the work
 * a second time.
 *
 * <p>Sees only {@code core} and the route contract's wire types, so it can become the design's
 * {@code client} module when a runtime needs it without the {@code iapeer} CLI.
 */
public final class DaemonClient {
  /** A send may wake its target: the boot deadline and the ready gate together, with room. */
  private static final long SEND_TIMEOUT_MINUTES = 15;

  private final Path socket;
  private final URI tcp;
  private final Optional<String> bearer;

  public DaemonClient(Path socket, URI tcp, Optional<String> bearer) {
    this.socket = socket;
    this.tcp = tcp;
    this.bearer = bearer;
  }

  /** The socket of the layout, and the TCP URL router.json publishes, else the configured port. */
  public static DaemonClient of(Layout layout, Settings settings) {
    URI tcp =
        RouterInfo.read(layout.routerJson())
            .flatMap(RouterInfo::tcp)
            .map(URI::create)
            .orElse(URI.create("http://127.0.0.1:" + settings.port() + "/mcp"));
    return new DaemonClient(layout.routerSocket(), tcp, settings.bearerToken());
  }

  public Path socket() {
    return socket;
  }

  /** The daemon's outcome for this send, or empty when no daemon answered. */
  public Optional<RouteResult> send(String from, SendRequest request) {
    String body = Json.compact(Wire.request(from, request));
    if (Health.accepts(socket)) {
      Optional<RouteResult> viaSocket = post(URI.create("http://localhost/cli/send"), body, true);
      if (viaSocket.isPresent()) {
        return viaSocket;
      }
    }
    return tcpAccepts() ? post(tcp.resolve("/cli/send"), body, false) : Optional.empty();
  }

  private boolean tcpAccepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(tcp.getHost(), tcp.getPort()), 1000);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Empty when whatever listens there is no iapeer daemon (it does not know the endpoint). */
  private Optional<RouteResult> post(URI uri, String body, boolean viaSocket) {
    String where = viaSocket ? "the daemon on " + socket : "the daemon at " + tcp;
    HttpClient http = new HttpClient();
    try {
      http.start();
      Request req =
          http.POST(uri)
              .body(new StringRequestContent("application/json", body, StandardCharsets.UTF_8))
              .idleTimeout(SEND_TIMEOUT_MINUTES, TimeUnit.MINUTES)
              .timeout(SEND_TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (viaSocket) {
        req.transport(new Transport.TCPUnix(socket));
      }
      bearer.ifPresent(t -> req.headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + t)));
      ContentResponse res = req.send();
      return switch (res.getStatus()) {
        case 200 -> Optional.of(Wire.readResult(Json.parse(res.getContentAsString())));
        case 404 -> Optional.empty();
        case 401 -> throw new IapException(where + " refused the request: set IAPEER_BEARER_TOKEN to its token");
        default -> throw failed(where, "HTTP " + res.getStatus());
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(where, "interrupted");
    } catch (JacksonException e) {
      throw failed(where, "unreadable answer: " + Json.shortMessage(e));
    } catch (IapException e) {
      throw e;
    } catch (Exception e) {
      throw failed(where, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      try {
        http.stop();
      } catch (Exception ignored) {
        // the answer, or the failure above, is what the caller needs
      }
    }
  }

  private static IapException failed(String where, String detail) {
    return new IapException(
        where + " took the send but failed before answering (" + detail + ") — it may or may not have"
            + " been delivered; see delivery.log before retrying");
  }
}
