package io.iapeer.host.bench;

import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.envelope.EnvelopeInput;
import io.iapeer.core.envelope.Timestamps;
import io.iapeer.host.session.Typed;
import io.iapeer.host.session.Typist;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Typing-latency benchmark (00-design §6): how long {@link Typist#type} takes to type an envelope
 * into an idle real Claude Code session and confirm it (06 D2), against a floor measured in the same
 * run on the same session by {@code bench/typing-floor.sh} — bare load-buffer, bracketed paste,
 * Enter, until the transcript file grows. Typist and floor messages alternate, each into an idle
 * session; the wait for idle is not measured. Prints one logfmt line per pair and a summary line.
 *
 * <p>Usage: {@code TypingLatency FLOOR_SCRIPT [MESSAGES=50] [WARMUP=3]}
 */
public final class TypingLatency {
  static final double TARGET = 1.3;
  /** Claude's HEAD probe of the fake model gets a 404 with a body, which the JDK server warns about. */
  private static final Logger HTTP_SERVER = Logger.getLogger("sun.net.httpserver");

  private TypingLatency() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 1 ? count(args[1], 1) : 50;
    int warmup = args.length > 2 ? count(args[2], 0) : 3;
    if (args.length < 1 || args.length > 3 || messages < 0 || warmup < 0) {
      System.err.println("usage: bench/typing-latency.sh [MESSAGES=50, at least 1] [WARMUP=3]");
      System.exit(2);
    }
    HTTP_SERVER.setLevel(Level.SEVERE);
    Path floorScript = Path.of(args[0]);
    try (LiveClaude claude = LiveClaude.launch()) {
      Runtime.getRuntime().addShutdownHook(new Thread(claude::close)); // Ctrl-C leaves no Claude behind
      TypingFloor floor = new TypingFloor(floorScript, claude.socket(), claude.target(), claude::transcript);
      run(claude, floor, messages, warmup);
    } catch (IllegalStateException | IOException e) {
      System.err.println("typing-latency: " + e.getMessage());
      System.exit(1);
    }
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

  private static void run(LiveClaude claude, TypingFloor floor, int messages, int warmup) throws Exception {
    Typist typist = claude.typist();
    List<Double> ours = new ArrayList<>();
    List<Double> floors = new ArrayList<>();
    int answers = 0;
    for (int i = 0; i < warmup + messages; i++) {
      double typistMs = 0;
      TimedHost.Phases phases = null;
      TypingFloor.Sample floorSample = null;
      // Alternating who goes first keeps any after-effect of the previous turn off one side.
      for (boolean typistSide : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        if (typistSide) {
          typistMs = typed(claude, typist, envelope(i, "typist"));
          phases = claude.timed.phases();
        } else {
          floorSample = floor.type(envelope(i, "floor"));
        }
        claude.awaitIdle(++answers);
      }
      if (i >= warmup) {
        ours.add(typistMs);
        floors.add(floorSample.totalMs());
      }
      System.out.printf(Locale.ROOT, "bench=typing_sample i=%d warmup=%b typist_ms=%.1f pasted_ms=%.1f"
              + " enter_ms=%.1f last_screen_ms=%.1f enters=%d captures=%d floor_ms=%.1f floor_enter_ms=%.1f%n",
          i, i < warmup, typistMs, phases.pasted(), phases.firstEnter(), phases.lastCapture(), phases.enters(),
          phases.captures(), floorSample.totalMs(), floorSample.enterMs());
    }
    Percentiles p = Percentiles.of(ours);
    Percentiles f = Percentiles.of(floors);
    double ratio = p.p50() / f.p50();
    System.out.printf(Locale.ROOT, "bench=typing runtime=claude n=%d p50_ms=%.1f p99_ms=%.1f floor_p50_ms=%.1f"
            + " floor_p99_ms=%.1f ratio_p50=%.2f target=%.1f pass=%b%n",
        messages, p.p50(), p.p99(), f.p50(), f.p99(), ratio, TARGET, ratio <= TARGET);
  }

  /** Milliseconds from the call to {@link Typist#type} until it returned Delivered. */
  private static double typed(LiveClaude claude, Typist typist, String text) throws InterruptedException {
    claude.timed.mark();
    long start = System.nanoTime();
    Typed t = typist.type(claude.id, claude.adapter, claude.project, text);
    long end = System.nanoTime();
    if (!(t instanceof Typed.Delivered)) {
      throw new IllegalStateException("an idle claude did not take a message: " + t);
    }
    return (end - start) / 1e6;
  }

  /** The envelope the daemon would type: four lines, the last of them {@code </iap>}. */
  static String envelope(int i, String who) {
    String sentAt = Timestamps.formatSentAt(Instant.now(), ZoneId.systemDefault());
    return EnvelopeCodec.encode(new EnvelopeInput("bench-sender", "claude", "artificial", Optional.of(sentAt),
        Optional.empty(), List.of(), "benchmark message " + i + " by the " + who + ": no action needed."));
  }
}
