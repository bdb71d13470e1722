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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Transport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

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
    Exchange send = new Exchange("/cli/send", body, Duration.ofMinutes(SEND_TIMEOUT_MINUTES),
        "the send", "it may or may not have been delivered; see delivery.log before retrying");
    if (Health.accepts(socket)) {
      Optional<RouteResult> viaSocket =
          post(send, true).map(res -> sendResult(send, res, "the daemon on " + socket));
      if (viaSocket.isPresent()) {
        return viaSocket;
      }
    }
    return tcpAccepts()
        ? post(send, false).map(res -> sendResult(send, res, "the daemon at " + tcp))
        : Optional.empty();
  }

  /**
   * The daemon's run of this verb (06 D4), or empty when no daemon answers on the socket. Only the
   * socket: the verb runs as whoever may open it, which a loopback port cannot tell.
   *
   * @param wait how long the verb may take in the daemon: a {@code new} waits for its session's ready
   *     gate, a {@code compact} for the compaction
   */
  public Optional<CliAnswer> run(CliCall call, Duration wait) {
    if (!Health.accepts(socket)) {
      return Optional.empty();
    }
    Exchange verb = new Exchange("/cli/verb", Json.compact(call.toJson()), wait,
        "iapeer " + call.verb(), "it may or may not have run");
    String where = "the daemon on " + socket;
    return post(verb, true).map(res -> switch (res.getStatus()) {
      case 200 -> CliAnswer.read(parse(verb, res, where));
      case 400 -> throw new IapException(res.getContentAsString().strip());
      default -> throw failed(verb, where, "HTTP " + res.getStatus());
    });
  }

  private static RouteResult sendResult(Exchange send, ContentResponse res, String where) {
    if (res.getStatus() != 200) {
      throw failed(send, where, "HTTP " + res.getStatus());
    }
    return Wire.readResult(parse(send, res, where));
  }

  private static JsonNode parse(Exchange ex, ContentResponse res, String where) {
    try {
      return Json.parse(res.getContentAsString());
    } catch (JacksonException e) {
      throw failed(ex, where, "unreadable answer: " + Json.shortMessage(e));
    }
  }

  /**
   * One request to a daemon endpoint.
   *
   * @param what what the daemon took, for the failure line
   * @param unknown what the caller cannot know after such a failure
   */
  private record Exchange(String path, String body, Duration patience, String what, String unknown) {}

  private boolean tcpAccepts() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(tcp.getHost(), tcp.getPort()), 1000);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /** Empty when whatever listens there is no iapeer daemon (it does not know the endpoint). */
  private Optional<ContentResponse> post(Exchange ex, boolean viaSocket) {
    String where = viaSocket ? "the daemon on " + socket : "the daemon at " + tcp;
    URI uri = viaSocket ? URI.create("http://localhost" + ex.path()) : tcp.resolve(ex.path());
    HttpClient http = new HttpClient();
    try {
      http.start();
      Request req =
          http.POST(uri)
              .body(new StringRequestContent("application/json", ex.body(), StandardCharsets.UTF_8))
              .idleTimeout(ex.patience().toMillis(), TimeUnit.MILLISECONDS)
              .timeout(ex.patience().toMillis(), TimeUnit.MILLISECONDS);
      if (viaSocket) {
        req.transport(new Transport.TCPUnix(socket));
      }
      bearer.ifPresent(t -> req.headers(h -> h.put(HttpHeader.AUTHORIZATION, "Bearer " + t)));
      ContentResponse res = req.send();
      return switch (res.getStatus()) {
        case 404 -> Optional.empty();
        case 401 -> throw new IapException(where + " refused the request: set IAPEER_BEARER_TOKEN to its token");
        default -> Optional.of(res);
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(ex, where, "interrupted");
    } catch (IapException e) {
      throw e;
    } catch (Exception e) {
      throw failed(ex, where, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      try {
        http.stop();
      } catch (Exception ignored) {
        // the answer, or the failure above, is what the caller needs
      }
    }
  }

  private static IapException failed(Exchange ex, String where, String detail) {
    return new IapException(
        where + " took " + ex.what() + " but failed before answering (" + detail + ") — " + ex.unknown());
  }
}
