package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One write path under an OS lock plus an in-JVM mutex: no lost update (01 §17.1, 06 D6). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegistryConcurrencyTest {
  @TempDir Path tmp;
  final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  /** Runs every task at once (a barrier releases them together) and rethrows any failure. */
  static void concurrently(List<Callable<?>> tasks) throws Exception {
    CyclicBarrier start = new CyclicBarrier(tasks.size());
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<?>> results = new ArrayList<>();
      for (Callable<?> task : tasks) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      for (Future<?> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void case12_two_threads_adding_different_runtimes_to_one_peer_both_land() throws Exception {
    Sandbox box = new Sandbox(tmp);
    List<String> names = IntStream.range(0, 10).mapToObj(i -> "p" + i).toList();
    List<Callable<?>> tasks = new ArrayList<>();
    for (String p : names) {
      Path cwd = box.folder(p);
      box.registry.upsert(UpsertRequest.of(p, "claude", cwd));
      for (String added : List.of("codex", "telegram")) {
        tasks.add(
            () ->
                box.registry.upsert(
                    UpsertRequest.of(p, "claude", cwd).withRuntimes(List.of(added))));
      }
    }

    concurrently(tasks);

    RegistrySnapshot s = box.registry.read();
    assertThat(s.peers()).hasSize(names.size());
    for (String p : names) {
      assertThat(s.find(p).orElseThrow().runtimes())
          .containsExactlyInAnyOrder("claude", "codex", "telegram")
          .startsWith("claude");
    }
  }

  @Test
  void case13_twelve_threads_upserting_distinct_peers_leave_twelve_records() throws Exception {
    Sandbox box = new Sandbox(tmp);
    List<Callable<?>> tasks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String p = "peer-" + i;
      Path cwd = box.folder(p);
      tasks.add(() -> box.registry.upsert(UpsertRequest.of(p, "claude", cwd)));
    }

    concurrently(tasks);

    assertThat(box.registry.read().peers()).hasSize(12);
  }

  Process worker(Sandbox box, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(RegistryWorker.class.getName());
    cmd.add(box.home.toString());
    cmd.add(box.root.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(p);
    return p;
  }

  static void awaitLine(Process p, String expected) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("first line of worker %d", p.pid()).isEqualTo(expected);
  }

  @Test
  void four_processes_upserting_25_peers_each_leave_exactly_100_valid_records() throws Exception {
    Sandbox box = new Sandbox(tmp);
    Path go = tmp.resolve("go");
    List<Process> workers = new ArrayList<>();
    for (String prefix : List.of("a", "b", "c", "d")) {
      workers.add(worker(box, "upsert", prefix, "25", go.toString()));
    }
    for (Process w : workers) {
      awaitLine(w, "ready");
    }

    Files.createFile(go);
    for (Process w : workers) {
      assertThat(w.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(w.exitValue()).as("exit code of worker %d", w.pid()).isZero();
    }

    RegistrySnapshot s = box.registry.read();
    assertThat(s.peers()).hasSize(100);
    for (String prefix : List.of("a", "b", "c", "d")) {
      for (int i = 0; i < 25; i++) {
        assertThat(s.find(prefix + "-" + i)).isPresent();
      }
    }
  }

  @Test
  void a_lock_held_by_a_killed_process_does_not_block_the_next_writer() throws Exception {
    Sandbox box = new Sandbox(tmp, "IAPEER_LOCK_TIMEOUT_MS", "300");
    Path cwd = box.folder("nova");
    Process holder = worker(box, "hold");
    awaitLine(holder, "holding");

    assertThatThrownBy(() -> box.registry.upsert(UpsertRequest.of("nova", "claude", cwd)))
        .isInstanceOf(IapException.class)
        .hasMessage(
            "registry is locked by another writer (" + box.layout.registryLock() + "); retry");

    holder.destroyForcibly();
    holder.waitFor();

    box.registry.upsert(UpsertRequest.of("nova", "claude", cwd));
    assertThat(box.registry.read().find("nova")).isPresent();
    try (var files = Files.list(box.root)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("peers-profiles.json", "peers-profiles.lock");
    }
  }
}
