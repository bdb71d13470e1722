package io.iapeer.host.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.storage.Json;
import io.iapeer.host.testing.DaemonOutput;
import io.iapeer.host.testing.RecordingRouter;
import io.iapeer.host.testing.Sandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP surface in front of the tool (02 §8.3): the bearer gate (case 46), DNS-rebinding
 * protection, no CORS, and requests no MCP client should send — after each of which the daemon
 * still answers.
 */
class HttpSurfaceTest {
  static final String INITIALIZE =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}";

  @TempDir Path tmp;
  @RegisterExtension final DaemonOutput stderr = new DaemonOutput();
  Daemon daemon;
  final HttpClient http = HttpClient.newHttpClient();

  private String start(Optional<String> bearer) {
    Sandbox sb = new Sandbox(tmp);
    daemon = Daemon.start(
        new Daemon.Config(sb.layout(), Optional.empty(), OptionalInt.of(0), false, bearer, "test"),
        new RecordingRouter(),
        stderr.log());
    return daemon.tcpUrl().orElseThrow();
  }

  @AfterEach
  void stop() {
    if (daemon != null) {
      daemon.close();
    }
  }

  private HttpResponse<String> post(String url, String body, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void stillServes(String url) throws Exception {
    HttpResponse<String> r = post(url, INITIALIZE);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Json.parse(r.body()).path("result").path("serverInfo").path("name").asString()).isEqualTo("iapeer");
  }

  // --- bearer (case 46) ---

  @Test
  void withoutATokenAnyAuthorizationIsIgnored() throws Exception {
    String url = start(Optional.empty());
    assertThat(post(url, INITIALIZE).statusCode()).isEqualTo(200);
    assertThat(post(url, INITIALIZE, "Authorization", "Bearer anything").statusCode()).isEqualTo(200);
  }

  @Test
  void withATokenEveryRequestMustCarryExactlyIt() throws Exception {
    String url = start(Optional.of("secret"));
    // One client: a refused header must not stick to the next request.
    for (String[] auth : new String[][] {{}, {"Authorization", "Bearer nope"}, {"Authorization", "bearer secret"}}) {
      HttpResponse<String> r = post(url, INITIALIZE, auth);
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("connection")).as("its body unread, the connection ends").contains("close");
      assertThat(r.headers().firstValue("content-type")).contains("application/json");
      assertThat(r.headers().firstValue("www-authenticate")).contains("Bearer");
      assertThat(r.body())
          .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"unauthorized\"}}");
    }
    HttpResponse<String> ok = post(url, INITIALIZE, "Authorization", "Bearer secret");
    assertThat(ok.statusCode()).as(ok.request().headers().map() + " " + ok.body()).isEqualTo(200);
  }

  @Test
  void theBearerGateComesBeforeEverythingElse() throws Exception {
    String url = start(Optional.of("secret"));
    assertThat(post(url, "{not json", "Origin", "http://evil.example").statusCode()).isEqualTo(401);
    assertThat(post(url.replace("/mcp", "/cli/send"), "{}").statusCode()).isEqualTo(401);
  }

  // --- DNS rebinding ---

  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(
      strings = {"http://evil.example", "https://127.0.0.1.evil.example", "null", "file://", "chrome-extension://abc"})
  void aForeignOriginIsForbidden(String origin) throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r = post(url, INITIALIZE, "Origin", origin);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("connection")).contains("close");
    assertThat(Json.parse(r.body()).path("error").path("message").asString()).startsWith("forbidden origin");
    stillServes(url);
  }

  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(strings = {"http://localhost:3000", "http://127.0.0.1", "https://[::1]:8443"})
  void aLoopbackOriginPassesAndGetsNoCorsHeaders(String origin) throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r = post(url, INITIALIZE, "Origin", origin);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
  }

  @Test
  void aHostThatIsNotLoopbackIsForbiddenOnTcp() throws Exception {
    String url = start(Optional.empty());
    int port = URI.create(url).getPort();
    assertThat(rawStatus(port, "evil.example:" + port)).isEqualTo(403);
    assertThat(rawStatus(port, "localhost:" + port)).isEqualTo(200);
    assertThat(rawStatus(port, "127.0.0.1:" + port)).isEqualTo(200);
    stillServes(url);
  }

  /** The JDK client will not send a Host of our choosing; a socket will. */
  private static int rawStatus(int port, String host) throws IOException {
    byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /mcp HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
              + "Accept: application/json, text/event-stream\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII); // "HTTP/1.1 200"
      return Integer.parseInt(status.substring(9, 12));
    }
  }

  // --- what MCP clients should not send ---

  @Test
  void malformedJsonIsABadRequestAndTheDaemonGoesOn() throws Exception {
    String url = start(Optional.empty());
    assertThat(post(url, "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\"").statusCode()).isEqualTo(400);
    assertThat(post(url, "[1, 2").statusCode()).isEqualTo(400);
    stillServes(url);
  }

  @Test
  void anUnknownMethodIsAJsonRpcErrorAndTheDaemonGoesOn() throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r = post(url, "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"peers/list\",\"params\":{}}");
    var error = Json.parse(r.body()).path("error");
    assertThat(error.path("code").asInt()).isEqualTo(-32601);
    assertThat(Json.parse(r.body()).path("id").asInt()).isEqualTo(7);
    stillServes(url);
  }

  @Test
  void aNotificationIsAcceptedWithNoBody() throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r = post(url, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void getHasNoMeaningInStatelessMode() throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(405);
  }

  @Test
  void mcpIsServedOnEveryPathLikeTheReference() throws Exception {
    String url = start(Optional.empty());
    stillServes(url.replace("/mcp", "/"));
    stillServes(url.replace("/mcp", "/some/other/path"));
  }

  @Test
  void noSessionIsIssued() throws Exception {
    String url = start(Optional.empty());
    HttpResponse<String> r = post(url, INITIALIZE);
    assertThat(r.headers().firstValue("mcp-session-id")).isEmpty();
  }
}
