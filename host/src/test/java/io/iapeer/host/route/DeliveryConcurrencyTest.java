package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 02 §13 under load on real tmux: 10 senders × 100 messages to 5 live fake peers (3 claude, 2
 * codex), each sender awaiting each result. Every message lands exactly once, each sender's
 * messages reach a target in the order sent, and delivery.log has one ok line per send.
 */
class DeliveryConcurrencyTest {
  static final int SENDERS = 10;
  static final int MESSAGES = 100;
  static final List<String> TARGETS =
      List.of("claude-t0", "claude-t1", "claude-t2", "codex-t3", "codex-t4");

  @TempDir Path tmp;
  LiveHost live;
  DeliveryRouter router;

  @BeforeEach
  void setUp() throws Exception {
    // Short turns keep the fakes' own queues shallow; nothing in production is tuned here.
    live = new LiveHost(tmp, Map.of("FAKE_AGENT_TURN_MS", "10"));
    for (int k = 0; k < SENDERS; k++) {
      live.fx.peer("s" + k, k % 2 == 0 ? "claude" : "codex");
    }
    for (String t : TARGETS) {
      Identity id = Identity.parse(t).orElseThrow();
      live.fx.peer(id.personality(), id.runtime());
    }
    router = live.router().build();
    List<Thread> ups = new ArrayList<>();
    for (String t : TARGETS) {
      ups.add(Thread.ofVirtual().start(() -> live.up(t)));
    }
    for (Thread t : ups) {
      t.join();
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    router.close();
    live.close();
  }

  @Test
  void tenSendersTimesAHundredMessagesToFiveLivePeers() throws Exception {
    Map<String, RouteResult> refused = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    for (int k = 0; k < SENDERS; k++) {
      String name = "s" + k;
      Caller caller = live.fx.caller((k % 2 == 0 ? "claude-" : "codex-") + name);
      senders.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < MESSAGES; i++) {
          String to = Identity.parse(TARGETS.get(i % TARGETS.size())).orElseThrow().personality();
          String body = name + "-m" + i;
          RouteResult r = router.send(caller,
              new SendRequest(to, Optional.empty(), body, Optional.empty(), List.of(), "mcp"));
          if (!(r instanceof RouteResult.Accepted)) {
            refused.put(body, r);
          }
        }
      }));
    }
    go.countDown();
    for (Thread t : senders) {
      t.join();
    }

    assertThat(refused).isEmpty();
    int perTarget = SENDERS * MESSAGES / TARGETS.size();
    for (String t : TARGETS) {
      Identity id = Identity.parse(t).orElseThrow();
      // codex journals queued input only when its turn starts
      await().atMost(Duration.ofSeconds(60)).until(() -> live.userInputs(id).size() >= perTarget);
      List<String> bodies = live.userInputs(id).stream().map(e -> EnvelopeCodec.decode(e).message()).toList();
      assertThat(bodies).as(t).hasSize(perTarget).doesNotHaveDuplicates();
      Map<String, Integer> last = new HashMap<>();
      for (String b : bodies) {
        String sender = b.substring(0, b.indexOf('-'));
        int i = Integer.parseInt(b.substring(b.indexOf("-m") + 2));
        assertThat(i).as(t + ": " + b + " after " + sender + "'s m" + last.get(sender))
            .isGreaterThan(last.getOrDefault(sender, -1));
        assertThat(TARGETS.get(i % TARGETS.size())).isEqualTo(t);
        last.put(sender, i);
      }
    }
    List<String> log = RouteFixture.lines(live.fx.layout().deliveryLog());
    assertThat(log).hasSize(SENDERS * MESSAGES);
    assertThat(log).allSatisfy(l -> assertThat(l).contains(" ev=delivery path=mcp ", " ok=true via="));
  }
}
