package io.iapeer.host.bench;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.realcli.FakeModelServer;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.testing.LifecycleHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Wake latency: a sleeping peer woken by a message until the message is delivered (the wake is
 * READY), against the launch primitive alone bringing up the same runtime with the same message and
 * prompt in the same run (boot to ready). The difference is what the wake adds: the supervise pass,
 * the registry read, the lock, the decision, the system prompt. Rounds alternate the two.
 *
 * <p>Usage: {@code WakeLatency <fake|claude> [rounds]}. Prints one logfmt line per round and a
 * summary; exit 1 when the p50 overhead misses the 0.5 s target.
 */
public final class WakeLatency {
  static final Identity PEER = new Identity("claude", "bench");
  static final Duration POLL = Duration.ofMillis(50);
  static final long TARGET_MS = 500;

  private WakeLatency() {}

  public static void main(String[] args) throws Exception {
    String runtime = args.length > 0 ? args[0] : "fake";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    if (!runtime.equals("fake") && !runtime.equals("claude") || rounds < 1) {
      System.err.println("usage: WakeLatency <fake|claude> [rounds>=1]");
      System.exit(2);
    }
    Path tmp = Files.createTempDirectory(Path.of("/tmp"), "iapb");
    FakeModelServer model = null;
    boolean ok;
    try (LifecycleHarness h = new LifecycleHarness(tmp)) {
      if (runtime.equals("claude")) {
        model = FakeModelServer.start().defaultText("noted");
        RealClaude.use(h, model);
      }
      Path cwd = h.peer("bench", "claude");
      Lifecycle lc = h.lifecycle(Clock.systemUTC(), POLL);
      round(lc, cwd, 0); // warm-up: JIT, page cache, the prompt file the primitive reuses
      List<Long> boots = new ArrayList<>();
      List<Long> wakes = new ArrayList<>();
      for (int i = 1; i <= rounds; i++) {
        long[] r = round(lc, cwd, i);
        boots.add(r[0]);
        wakes.add(r[1]);
        System.out.printf(Locale.ROOT, "bench=wake runtime=%s round=%d boot_ms=%d wake_ms=%d%n",
            runtime, i, r[0], r[1]);
      }
      long boot = p50(boots);
      long wake = p50(wakes);
      System.out.printf(Locale.ROOT, "bench=wake runtime=%s n=%d boot_p50_ms=%d wake_p50_ms=%d overhead_p50_ms=%d"
          + " boot_max_ms=%d wake_max_ms=%d target=boot+%dms ok=%b load=%s%n", runtime, rounds, boot, wake,
          wake - boot, max(boots), max(wakes), TARGET_MS, wake - boot <= TARGET_MS, load());
      ok = wake - boot <= TARGET_MS;
    } finally {
      if (model != null) {
        model.close();
      }
      deleteTree(tmp);
    }
    // only now: the harness has ended every session it started
    System.exit(ok ? 0 : 1);
  }

  /** A real CLI's background helper (telemetry) may write in its HOME after exiting: a few tries. */
  static void deleteTree(Path dir) throws java.io.IOException, InterruptedException {
    for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
      Thread.sleep(attempt * 1000L);
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          try {
            Files.deleteIfExists(p);
          } catch (java.io.IOException e) {
            // written to meanwhile: the next try
          }
        }
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
        // the walk met a file deleted under it: the next try
      }
    }
  }

  /** Boot to ready of the primitive, then asleep to delivered of the wake, in ms. */
  private static long[] round(Lifecycle lc, Path cwd, int i) {
    LaunchSpec spec = LaunchSpec.fresh(PEER, cwd)
        .withSystemPromptFile(lc.layout().lifecycleStateDir().resolve(PEER.address() + ".system-prompt.md"));
    long t0 = System.nanoTime();
    LaunchResult boot = i == 0 ? null
        : lc.sessions().launcher().launch(spec, lc.sessions().adapters().of("claude"), "boot round " + i);
    long t1 = System.nanoTime();
    if (boot instanceof LaunchResult.Failed f) {
      throw new IllegalStateException("launch failed: " + f.reason());
    }
    asleep(lc);
    long t2 = System.nanoTime();
    Waker.Result woke = lc.waker().wake(Waker.Request.message("bench", Optional.empty(), Optional.empty(),
        "wake round " + i));
    long t3 = System.nanoTime();
    if (!woke.ready() || !woke.woke()) {
      throw new IllegalStateException("wake failed: " + woke);
    }
    asleep(lc);
    return new long[] {(t1 - t0) / 1_000_000, (t3 - t2) / 1_000_000};
  }

  /** Ends the session the way stop does, so the next wake is no crash and no death is counted. */
  private static void asleep(Lifecycle lc) {
    lc.sessions().host().kill(PEER);
    lc.markers().deleteSession(PEER);
  }

  /** The 1-minute load average: both numbers mean little on a host that is busy with other work. */
  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static long p50(List<Long> xs) {
    List<Long> s = xs.stream().sorted().toList();
    return s.get((s.size() - 1) / 2);
  }

  static long max(List<Long> xs) {
    return xs.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** The real Claude Code against the fake model API, on the harness's sandbox HOME. */
  static final class RealClaude {
    static final String API_KEY = "sk-ant-iapeer-bench-0123456789abcdefghij";

    static void use(LifecycleHarness h, FakeModelServer model) throws Exception {
      String cache = Optional.ofNullable(System.getenv("IAPEER_AGENT_CLI_CACHE"))
          .orElse(System.getenv("HOME") + "/.cache/iapeer/agent-clis");
      Path claude = Path.of(Optional.ofNullable(System.getenv("IAPEER_TEST_CLAUDE_BIN"))
          .orElse(cache + "/node_modules/.bin/claude"));
      if (!Files.isExecutable(claude)) {
        throw new IllegalStateException("no real claude at " + claude + " — run dev/install-agent-clis.sh");
      }
      var config = Json.object().put("hasCompletedOnboarding", true);
      var responses = config.putObject("customApiKeyResponses");
      responses.putArray("approved").add(API_KEY.substring(API_KEY.length() - 20));
      responses.putArray("rejected");
      Files.writeString(h.sb.home.resolve(".claude.json"), Json.pretty(config));
      String node = Optional.ofNullable(System.getenv("PATH")).stream()
          .flatMap(p -> List.of(p.split(":")).stream())
          .filter(d -> Files.isExecutable(Path.of(d, "node"))).findFirst().orElse("/usr/local/bin");
      try (var s = new java.net.ServerSocket(0)) {
        h.sb.env("IAPEER_PORT", Integer.toString(s.getLocalPort())); // the peer's MCP wiring: nobody there
      }
      h.sb.env("IAPEER_CLAUDE_BIN", claude.toString())
          .env("PATH", node + ":/usr/local/bin:/usr/bin:/bin")
          .env("ANTHROPIC_BASE_URL", model.anthropicBaseUrl())
          .env("ANTHROPIC_API_KEY", API_KEY)
          .env("DISABLE_AUTOUPDATER", "1")
          .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
          .env("IAPEER_BOOT_DEADLINE_SECS", "90")
          .env("IAPEER_READY_GATE_SECS", "60");
    }
  }
}
