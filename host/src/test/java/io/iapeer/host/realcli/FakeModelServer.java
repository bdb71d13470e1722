package io.iapeer.host.realcli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/**
 * The model API the real agent CLIs talk to in tests, on loopback: Anthropic Messages for Claude
 * Code ({@link #anthropicBaseUrl()} → {@code ANTHROPIC_BASE_URL}) and OpenAI Responses for Codex
 * ({@link #responsesBaseUrl()} → the provider's {@code base_url}). Records every request; answers a
 * turn with the next scripted {@link Reply}, else with the default text, and a compaction request
 * ({@link ModelRequest#isCompaction()}) with {@link #SUMMARY}. Anything else gets a 404 and is listed
 * in {@link #unknown()}, so a test sees when a CLI starts calling something new.
 */
public final class FakeModelServer implements AutoCloseable {
  /**
   * The answer to every compaction request. Claude Code wants an analysis block and the summary in
   * {@code <summary>} tags (without them it asks once more, then keeps what it got); Codex takes
   * any text.
   */
  public static final String SUMMARY =
      "<analysis>a fake model's compaction</analysis>\n<summary>compacted summary 3f9c</summary>";

  private final HttpServer server;
  private final ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
  private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
  private final List<ModelRequest> unknown = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Scripted> script = new ConcurrentLinkedQueue<>();
  private final List<CountDownLatch> gates = new CopyOnWriteArrayList<>();
  private volatile String defaultText = "ack";

  /** {@code midStream}: the gate holds the answer after its first text delta, not before it. */
  private record Scripted(Reply reply, CountDownLatch gate, boolean midStream) {}

  private FakeModelServer(HttpServer server) {
    this.server = server;
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  public static FakeModelServer start() {
    try {
      return new FakeModelServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String anthropicBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public String responsesBaseUrl() {
    return anthropicBaseUrl() + "/v1";
  }

  /** The text of every turn no reply was scripted for. */
  public FakeModelServer defaultText(String text) {
    this.defaultText = text;
    return this;
  }

  /** Queues the answer to the next turn (a request that offers tools). */
  public FakeModelServer reply(Reply reply) {
    script.add(new Scripted(reply, new CountDownLatch(0), false));
    return this;
  }

  /**
   * Queues a turn answer that is held until the returned latch is counted down, so a test can look
   * at the agent while it waits for the model (its busy screen).
   */
  public CountDownLatch replyWhenReleased(Reply reply) {
    return hold(reply, false);
  }

  /**
   * Queues a streamed turn answer that stops after its first text delta until the returned latch is
   * counted down: the agent is busy in the middle of an answer, where an interrupt meets it.
   */
  public CountDownLatch replyStalledMidStream(Reply reply) {
    return hold(reply, true);
  }

  private CountDownLatch hold(Reply reply, boolean midStream) {
    CountDownLatch gate = new CountDownLatch(1);
    gates.add(gate);
    script.add(new Scripted(reply, gate, midStream));
    return gate;
  }

  /** Every request, in arrival order. */
  public List<ModelRequest> requests() {
    return List.copyOf(requests);
  }

  /** The agent turns only (requests that offer tools, compactions aside), in arrival order. */
  public List<ModelRequest> turns() {
    return requests.stream().filter(r -> r.offersTools() && !r.isCompaction()).toList();
  }

  /** The compaction requests, in arrival order. */
  public List<ModelRequest> compactions() {
    return requests.stream().filter(ModelRequest::isCompaction).toList();
  }

  /** Requests answered 404 because this server does not know them. */
  public List<ModelRequest> unknown() {
    return List.copyOf(unknown);
  }

  @Override
  public void close() {
    gates.forEach(CountDownLatch::countDown);
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      ModelRequest req = read(ex);
      requests.add(req);
      String route = req.method() + " " + req.path();
      switch (route) {
        case "POST /v1/messages" -> answer(ex, req, Anthropic::stream, Anthropic::message);
        case "POST /v1/messages/count_tokens" -> send(ex, 200, "application/json", "{\"input_tokens\":1}");
        case "POST /v1/responses" -> answer(ex, req, Responses::stream, null);
        default -> {
          unknown.add(req);
          send(ex, 404, "application/json", "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\","
              + "\"message\":\"fake model server has no " + route + "\"}}");
        }
      }
    }
  }

  /** Renders a reply for one API; {@code message} is null where the API is only streamed. */
  private interface Render {
    String render(Reply reply, String model);
  }

  private void answer(HttpExchange ex, ModelRequest req, Render stream, Render message) throws IOException {
    boolean compaction = req.isCompaction();
    Scripted next = req.offersTools() && !compaction ? script.poll() : null;
    if (next != null && !next.midStream()) {
      await(next.gate());
    }
    Reply reply = compaction ? Reply.text(SUMMARY) : next == null ? Reply.text(defaultText) : next.reply();
    JsonNode json = req.json();
    String model = json.path("model").asString("fake-model");
    try {
      if (message == null || json.path("stream").asBoolean(false)) {
        String events = stream.render(reply, model);
        if (next != null && next.midStream()) {
          sendStalled(ex, events, next.gate());
        } else {
          send(ex, 200, "text/event-stream", events);
        }
      } else {
        send(ex, 200, "application/json", message.render(reply, model));
      }
    } catch (IllegalArgumentException e) {
      send(ex, 500, "application/json", "{\"error\":{\"message\":\"fake model server: " + e.getMessage() + "\"}}");
    }
  }

  private static void await(CountDownLatch gate) {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ModelRequest read(HttpExchange ex) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String query = ex.getRequestURI().getRawQuery();
    String path = ex.getRequestURI().getPath();
    return new ModelRequest(ex.getRequestMethod(), path, query == null ? "" : query, headers, body);
  }

  /**
   * Streams the events up to the first delta, then the rest once {@code gate} opens. An agent that
   * gave up on the answer meanwhile (an interrupt) has closed the connection: nothing to finish.
   */
  private static void sendStalled(HttpExchange ex, String events, CountDownLatch gate) throws IOException {
    int cut = events.indexOf("\n\n", events.indexOf("delta\n")) + 2;
    ex.getResponseHeaders().set("content-type", "text/event-stream");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    out.write(events.substring(0, cut).getBytes(StandardCharsets.UTF_8));
    out.flush();
    await(gate);
    try (out) {
      out.write(events.substring(cut).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the agent hung up on the held answer
    }
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("content-type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
