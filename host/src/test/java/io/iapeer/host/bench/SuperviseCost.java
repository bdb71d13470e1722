package io.iapeer.host.bench;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.SupervisePass;
import io.iapeer.host.lifecycle.Waker;
import io.iapeer.host.testing.LifecycleHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The cost of one supervise pass (03 §9.6) on a busy host: {@code peers} registered peers, of which
 * {@code live} have a live fake-agent session that took one message (so each has a transcript to
 * read). Nothing is reaped; the pass looks at every live session as the daemon's tick does.
 *
 * <p>Usage: {@code SuperviseCost [peers=500] [live=50] [passes=20]}. Prints one logfmt summary line;
 * exit 1 when the p50 pass misses the 1 s target.
 */
public final class SuperviseCost {
  static final long TARGET_MS = 1000;
  static final Duration SETTLE = Duration.ofSeconds(30);

  private SuperviseCost() {}

  public static void main(String[] args) throws Exception {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int live = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    if (peers < 1 || live < 0 || live > peers || passes < 1) {
      System.err.println("usage: SuperviseCost [peers>=1] [live<=peers] [passes>=1]");
      System.exit(2);
    }
    Path tmp = Files.createTempDirectory(Path.of("/tmp"), "iaps");
    boolean ok;
    try (LifecycleHarness h = new LifecycleHarness(tmp)) {
      register(h, peers);
      Lifecycle lc = h.lifecycle(Clock.systemUTC(), Duration.ofMillis(100));
      long t0 = System.nanoTime();
      wakeAll(lc, live);
      System.err.printf(Locale.ROOT, "started %d sessions in %d ms%n", live, (System.nanoTime() - t0) / 1_000_000);
      // fifty agents that just booted are still compiling: measure the host at rest, as the tick sees it
      Thread.sleep(SETTLE.toMillis());
      List<Long> ms = new ArrayList<>();
      for (int i = 0; i < passes; i++) {
        long s = System.nanoTime();
        List<SupervisePass.Outcome> out = lc.supervisePass().run();
        ms.add((System.nanoTime() - s) / 1_000_000);
        long alive = out.stream().filter(o -> o.action() == SupervisePass.Action.ALIVE).count();
        if (alive != live) {
          throw new IllegalStateException("expected " + live + " live sessions, the pass saw " + out);
        }
      }
      long p50 = WakeLatency.p50(ms);
      System.out.printf(Locale.ROOT, "bench=supervise-pass peers=%d live=%d passes=%d p50_ms=%d max_ms=%d"
          + " target_ms=%d ok=%b load=%s%n", peers, live, passes, p50, WakeLatency.max(ms), TARGET_MS,
          p50 <= TARGET_MS, WakeLatency.load());
      ok = p50 <= TARGET_MS;
    } finally {
      WakeLatency.deleteTree(tmp);
    }
    // only now: the harness has ended every session it started
    System.exit(ok ? 0 : 1);
  }

  /** One registry write for all of them; each has its folder. */
  private static void register(LifecycleHarness h, int peers) throws Exception {
    List<PeerRecord> records = new ArrayList<>();
    for (int i = 0; i < peers; i++) {
      String p = String.format(Locale.ROOT, "peer%03d", i);
      Path cwd = Files.createDirectories(h.sb.base.resolve("work").resolve(p));
      records.add(new PeerRecord(p, "claude", List.of("claude"), "bench peer " + i, Intelligence.ARTIFICIAL,
          Optional.empty(), cwd.toString(), Optional.empty()));
    }
    new Registry(h.layout(), w -> {}).update(s -> new RegistrySnapshot(RegistrySnapshot.VERSION, records));
  }

  /** Wakes the first {@code live} peers with a message, a few at a time (two cores). */
  private static void wakeAll(Lifecycle lc, int live) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Waker.Result>> results = new ArrayList<>();
      for (int i = 0; i < live; i++) {
        String p = String.format(Locale.ROOT, "peer%03d", i);
        results.add(pool.submit(() -> lc.waker().wake(
            Waker.Request.message(p, Optional.empty(), Optional.empty(), "hello " + p))));
      }
      for (Future<Waker.Result> f : results) {
        Waker.Result r = f.get();
        if (!r.ready()) {
          throw new IllegalStateException("a wake failed: " + r);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
