package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.host.testing.Sandbox;
import java.io.PrintWriter;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import io.iapeer.core.settings.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's single-writer guarantee seen from the CLI: many creators on one root, in separate
 * processes and in threads of one JVM, lose no write (01 §17).
 */
class ConcurrentCreateTest {
  static final int PROCESSES = 8;
  static final int PEERS_EACH = 25;

  /** Runs in a child JVM: creates {@code count} peers named {@code p<proc>-<i>} on the inherited root. */
  public static void main(String[] args) {
    String proc = args[0];
    int count = Integer.parseInt(args[1]);
    Env env = Env.system();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int failures = 0;
    for (int i = 0; i < count; i++) {
      Context ctx = new Context(env, Path.of(args[2]), new BufferedReader(new StringReader("")), out, err, false);
      if (Cli.run(new String[] {"create", "p" + proc + "-" + i, "--runtime", "claude"}, ctx) != 0) {
        failures++;
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  @Test
  void eightProcessesCreatingTwentyFivePeersEachEndWithTwoHundredRecords(@TempDir Path tmp) throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    List<Process> procs = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:TieredStopAtLevel=1",
              "-cp",
              System.getProperty("java.class.path"),
              ConcurrentCreateTest.class.getName(),
              String.valueOf(p),
              String.valueOf(PEERS_EACH),
              sb.cwd().toString());
      Map<String, String> env = pb.environment();
      env.clear();
      env.putAll(new HashMap<>(sb.env().vars()));
      pb.redirectErrorStream(true);
      pb.redirectOutput(tmp.resolve("proc-" + p + ".log").toFile());
      procs.add(pb.start());
    }
    for (int p = 0; p < PROCESSES; p++) {
      assertThat(procs.get(p).waitFor(120, TimeUnit.SECONDS)).as("process %d finished", p).isTrue();
      assertThat(procs.get(p).exitValue())
          .as("process %d: %s", p, Files.readString(tmp.resolve("proc-" + p + ".log")))
          .isZero();
    }

    List<PeerRecord> peers = new Registry(sb.layout(), w -> {}).read().peers();
    assertThat(peers).hasSize(PROCESSES * PEERS_EACH);
    for (PeerRecord r : peers) {
      assertThat(sb.layout().defaultPeerFolder(r.personality()).resolve(".iapeer/peer-profile.json")).exists();
    }
    assertThat(sb.run("verify").code()).isZero();
  }

  @Test
  void twoThreadsOfOneJvmAreSerializedToo(@TempDir Path tmp) throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    AtomicInteger failures = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      threads.add(
          Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 20; i++) {
              if (sb.run("create", "t" + id + "-" + i).code() != 0) {
                failures.incrementAndGet();
              }
            }
          }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failures).hasValue(0);
    assertThat(new Registry(sb.layout(), w -> {}).read().peers()).hasSize(40);
  }
}
