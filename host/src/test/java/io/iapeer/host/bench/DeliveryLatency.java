package io.iapeer.host.bench;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import io.iapeer.host.realcli.FakeModelServer;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.testing.LifecycleHarness;
import io.iapeer.host.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Delivery latency (issue 4, bench b): an agent's {@code send_to_peer} through the real daemon
 * ({@code iapeer daemon}, a process of its own) into a live idle session, from the POST until the
 * tool answers delivered — HTTP, MCP, the registry read, the composer look, the delivery lock, typing
 * and its confirmation (06 D2), delivery.log — against the typing floor ({@link TypingFloor}) on the
 * same session in the same run. Sends and floor messages alternate, and so does who goes first, each
 * into an idle session; the wait for idle is not timed. The target is woken by a first, untimed send,
 * so it is the daemon's child as in production.
 *
 * <p>Usage: {@code DeliveryLatency LAUNCHER FLOOR_SCRIPT <fake|claude> [MESSAGES=50] [WARMUP=3]}.
 * Prints one logfmt line per pair and a summary line; exit 1 when the p50 ratio misses the target.
 */
public final class DeliveryLatency {
  static final double TARGET = 1.3;
  static final Identity PEER = new Identity("claude", "bench");
  static final String SENDER = "claude-sender";
  private static final Duration IDLE_DEADLINE = Duration.ofSeconds(60);
  private static final Duration IDLE_POLL = Duration.ofMillis(50);
  private static final Pattern ROUTE_MS = Pattern.compile(" ms=(\\d+)");
  /** Claude's HEAD probe of the fake model gets a 404 with a body, which the JDK server warns about. */
  private static final Logger HTTP_SERVER = Logger.getLogger("sun.net.httpserver");

  private final TmuxSessionHost host;
  private final RuntimeAdapter adapter;
  private final Path cwd;
  private final Path deliveryLog;
  private final String answer;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI mcp;

  private DeliveryLatency(LifecycleHarness h, Path cwd, String answer, String mcpUrl) {
    this.host = new TmuxSessionHost(h.layout());
    this.adapter = new Adapters(h.layout()).of(PEER.runtime());
    this.cwd = cwd;
    this.deliveryLog = h.layout().deliveryLog();
    this.answer = answer;
    this.mcp = URI.create(mcpUrl);
  }

  public static void main(String[] args) throws Exception {
    String runtime = args.length > 2 ? args[2] : "";
    int messages = args.length > 3 ? count(args[3], 1) : 50;
    int warmup = args.length > 4 ? count(args[4], 0) : 3;
    if (args.length < 3 || args.length > 5 || !List.of("fake", "claude").contains(runtime) || messages < 0
        || warmup < 0) {
      System.err.println("usage: bench/delivery-latency.sh [fake|claude] [MESSAGES=50, at least 1] [WARMUP=3]");
      System.exit(2);
    }
    HTTP_SERVER.setLevel(Level.SEVERE);
    Path tmp = Files.createTempDirectory(Path.of("/tmp"), "iapd");
    FakeModelServer model = null;
    boolean pass;
    try (LifecycleHarness h = new LifecycleHarness(tmp)) {
      String answer = "ack "; // the fake agent answers "ack <n>" by itself
      if (runtime.equals("claude")) {
        model = FakeModelServer.start().defaultText("noted");
        WakeLatency.RealClaude.use(h, model);
        answer = "noted";
      }
      h.sb.env("IAPEER_PORT", Integer.toString(Ports.free())); // before init: the peers' MCP wiring names it
      Path cwd = h.peer("bench", "claude");
      h.peer("sender", "claude");
      // The launch drops the daemon's CLAUDE_CODE_* (06 D8); a peer sets its own in launch.env.
      Files.writeString(Files.createDirectories(cwd.resolve(".iapeer/runtimes/claude")).resolve("launch.env"),
          "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1\n");
      try (DaemonProcess daemon = DaemonProcess.start(Path.of(args[0]), h.sb.env().vars(), h.sb.base)) {
        DeliveryLatency bench = new DeliveryLatency(h, cwd, answer, daemon.awaitReady());
        pass = bench.run(runtime, new TypingFloor(Path.of(args[1]), h.layout().sockDir().resolve(PEER.socketFileName()),
            "=" + PEER.address() + ":", bench::transcript), messages, warmup, daemon);
      }
    } catch (IllegalStateException | IOException e) {
      System.err.println("delivery-latency: " + e.getMessage());
      pass = false;
    } finally {
      if (model != null) {
        model.close();
      }
      WakeLatency.deleteTree(tmp);
    }
    // only now: the harness has ended every session the daemon started
    System.exit(pass ? 0 : 1);
  }

  /** {@code arg} as a whole number of at least {@code min}, else -1. */
  private static int count(String arg, int min) {
    try {
      int n = Integer.parseInt(arg);
      return n >= min ? n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private boolean run(String runtime, TypingFloor floor, int messages, int warmup, DaemonProcess daemon)
      throws Exception {
    JsonNode woke = send("wake-up message, no action needed.");
    if (!woke.path("woke").asBoolean(false)) {
      throw new IllegalStateException("the first send did not wake the target: " + woke);
    }
    int answers = 1;
    awaitIdle(answers);
    List<Double> ours = new ArrayList<>();
    List<Double> floors = new ArrayList<>();
    for (int i = 0; i < warmup + messages; i++) {
      double sendMs = 0;
      TypingFloor.Sample floorSample = null;
      // Alternating who goes first keeps any after-effect of the previous turn off one side.
      for (boolean sendSide : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        if (sendSide) {
          long start = System.nanoTime();
          JsonNode result = send("benchmark message " + i + " by the daemon: no action needed.");
          sendMs = (System.nanoTime() - start) / 1e6;
          if (result.path("woke").asBoolean(true) || result.has("queued")) {
            throw new IllegalStateException("an idle live session did not take message " + i + ": " + result);
          }
        } else {
          floorSample = floor.type(TypingLatency.envelope(i, "floor"));
        }
        awaitIdle(++answers);
      }
      if (i >= warmup) {
        ours.add(sendMs);
        floors.add(floorSample.totalMs());
      }
      System.out.printf(Locale.ROOT, "bench=delivery_sample runtime=%s i=%d warmup=%b send_ms=%.1f route_ms=%d"
          + " floor_ms=%.1f floor_enter_ms=%.1f%n", runtime, i, i < warmup, sendMs, routeMs(), floorSample.totalMs(),
          floorSample.enterMs());
    }
    Percentiles p = Percentiles.of(ours);
    Percentiles f = Percentiles.of(floors);
    double ratio = p.p50() / f.p50();
    System.out.printf(Locale.ROOT, "bench=delivery runtime=%s n=%d p50_ms=%.1f p99_ms=%.1f floor_p50_ms=%.1f"
            + " floor_p99_ms=%.1f ratio_p50=%.2f target=%.1f pass=%b daemon_rss_mb=%d load=%s%n",
        runtime, messages, p.p50(), p.p99(), f.p50(), f.p99(), ratio, TARGET, ratio <= TARGET, daemon.rssMb(),
        WakeLatency.load());
    return ratio <= TARGET;
  }

  /**
   * One {@code tools/call} of {@code send_to_peer} as an agent's MCP client posts it (stateless: one
   * JSON-RPC request per POST); the tool's structured result, or a failure with the daemon's answer.
   */
  private JsonNode send(String message) throws IOException, InterruptedException {
    var args = Json.object().put("personality", PEER.personality()).put("message", message);
    var params = Json.object().put("name", "send_to_peer");
    params.set("arguments", args);
    var call = Json.object().put("jsonrpc", "2.0").put("id", 1).put("method", "tools/call");
    call.set("params", params);
    HttpRequest req = HttpRequest.newBuilder(mcp)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("X-IAPeer-Identity", SENDER)
        .POST(HttpRequest.BodyPublishers.ofString(Json.compact(call)))
        .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    String body = r.body();
    // The SDK may answer as one JSON object or as a server-sent event carrying it.
    String json = body.startsWith("{") ? body : body.substring(Math.max(0, body.indexOf("data:") + 5)).strip();
    JsonNode result = r.statusCode() == 200 && json.startsWith("{") ? Json.parse(json).path("result") : null;
    if (result == null || result.path("isError").asBoolean(false) || !result.has("structuredContent")) {
      throw new IllegalStateException("send_to_peer failed: HTTP " + r.statusCode() + " " + body);
    }
    return result.get("structuredContent");
  }

  /** What the daemon's router took for the last send, from its delivery.log line. */
  private long routeMs() throws IOException {
    List<String> lines = Files.readAllLines(deliveryLog);
    Matcher m = ROUTE_MS.matcher(lines.isEmpty() ? "" : lines.getLast());
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The conversation's transcript file, once the first message made the agent write one. */
  Path transcript() {
    return adapter.transcriptFiles(cwd).stream()
        .max(Comparator.comparingLong(LiveClaude::size))
        .orElseThrow(() -> new IllegalStateException("the agent wrote no transcript in " + cwd));
  }

  /**
   * Waits until the agent is idle after its {@code answers}-th turn: that many answers in the
   * transcript, the composer drawn, and screen and transcript unchanged over one more poll.
   */
  private void awaitIdle(int answers) throws InterruptedException {
    long deadline = System.nanoTime() + IDLE_DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      Thread.sleep(IDLE_POLL);
      String screen = host.capture(PEER);
      int seen = answers();
      String now = seen + "\n" + adapter.transcriptFiles(cwd).stream().mapToLong(LiveClaude::size).sum()
          + "\n" + screen;
      boolean ready = seen >= answers && adapter.isInputReady(screen);
      if (ready && now.equals(last)) {
        return;
      }
      last = ready ? now : "";
    }
    throw new IllegalStateException("the agent did not become idle after answer " + answers + " within "
        + IDLE_DEADLINE.toSeconds() + " s; screen:\n" + host.capture(PEER));
  }

  /** Assistant records whose text is an answer of the model (Claude) or of the fake agent. */
  private int answers() {
    int n = 0;
    for (Path f : adapter.transcriptFiles(cwd)) {
      for (String line : LiveClaude.read(f).split("\n")) {
        if (line.contains("\"assistant\"") && isAnswer(line)) {
          n++;
        }
      }
    }
    return n;
  }

  private boolean isAnswer(String line) {
    try {
      JsonNode r = Json.parse(line);
      return r.path("type").asString("").equals("assistant")
          && r.at("/message/content").valueStream().anyMatch(b -> b.path("text").asString("").startsWith(answer));
    } catch (JacksonException e) {
      return false; // a line still being written
    }
  }
}
