package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ephemeral FIFO of 03 §9.11 (case 47). */
class EphemeralQueueTest {
  static final Identity W = new Identity("claude", "w");

  @TempDir Path tmp;
  List<String> reports = new CopyOnWriteArrayList<>();
  EphemeralQueue queue;
  Path dir;

  @BeforeEach
  void setUp() {
    Layout layout = Layout.from(Env.of("HOME", tmp.toString(), "IAPEER_ROOT", tmp.resolve("root").toString()));
    queue = new EphemeralQueue(layout, reports::add);
    dir = layout.lifecycleStateDir().resolve("claude-w.queue");
  }

  @Test
  void case47_itemsQueueInOrderAndPeekingTakesNothing() throws IOException {
    assertThat(queue.enqueue(W, "one", Optional.of("t1"))).isEqualTo(1);
    assertThat(queue.enqueue(W, "two", Optional.empty())).isEqualTo(2);
    assertThat(queue.enqueue(W, "three", Optional.of("  "))).isEqualTo(3);

    assertThat(dir.resolve("000001")).hasContent("{\"task\":\"one\",\"topic\":\"t1\"}\n");
    assertThat(dir.resolve("000003")).hasContent("{\"task\":\"three\"}\n");
    assertThat(queue.peek(W)).contains(new EphemeralQueue.Item("000001", "one", Optional.of("t1")));
    assertThat(queue.peek(W)).contains(new EphemeralQueue.Item("000001", "one", Optional.of("t1")));
    assertThat(queue.depth(W)).isEqualTo(3);

    queue.remove(W, "000001");
    queue.remove(W, "000001");
    assertThat(queue.peek(W).map(EphemeralQueue.Item::task)).contains("two");
    try (Stream<Path> left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("000002", "000003");
    }
  }

  @Test
  void case47_aTakenNumberIsNeverOverwritten() throws IOException {
    queue.enqueue(W, "one", Optional.empty());
    Files.writeString(dir.resolve("000002"), "{\"task\":\"placed by another writer\"}");

    assertThat(queue.enqueue(W, "mine", Optional.empty())).isEqualTo(3);

    assertThat(dir.resolve("000002")).hasContent("{\"task\":\"placed by another writer\"}");
    assertThat(dir.resolve("000003")).content().contains("mine");
  }

  @Test
  void case47_aCorruptHeadIsReportedAndDropped() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("000001"), "not json");
    Files.writeString(dir.resolve("000002"), "{\"task\":\"\"}");
    Files.writeString(dir.resolve(".tmp-1-2-3"), "{\"task\":\"a temp is no item\"}");
    Files.writeString(dir.resolve("000003"), "{\"task\":\"good\"}");

    assertThat(queue.peek(W).map(EphemeralQueue.Item::task)).contains("good");

    assertThat(reports).hasSize(2).allMatch(r -> r.startsWith("dropping queue item "));
    assertThat(dir.resolve("000001")).doesNotExist();
    assertThat(queue.depth(W)).isEqualTo(1);
  }

  @Test
  void case47_onlyNonEmptyQueuesAreListed_sorted() throws IOException {
    Identity b = new Identity("codex", "b");
    Identity a = new Identity("claude", "a");
    queue.enqueue(b, "x", Optional.empty());
    queue.enqueue(a, "y", Optional.empty());
    queue.enqueue(W, "z", Optional.empty());
    queue.remove(W, "000001");
    Files.createDirectories(dir.resolveSibling("not-an-identity.queue"));

    assertThat(queue.queued()).containsExactly(a, b);
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    List<Thread> threads = new ArrayList<>();
    IntStream.range(0, 8).forEach(t -> threads.add(Thread.ofPlatform().start(() -> {
      for (int i = 0; i < 10; i++) {
        queue.enqueue(W, "t" + t + "-" + i, Optional.empty());
      }
    })));
    for (Thread t : threads) {
      t.join();
    }
    assertThat(queue.depth(W)).isEqualTo(80);
    List<String> tasks = new ArrayList<>();
    for (Optional<EphemeralQueue.Item> i = queue.peek(W); i.isPresent(); i = queue.peek(W)) {
      tasks.add(i.get().task());
      queue.remove(W, i.get().seq());
    }
    assertThat(tasks).hasSize(80).doesNotHaveDuplicates();
  }
}
