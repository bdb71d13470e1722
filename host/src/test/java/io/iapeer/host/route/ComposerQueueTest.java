package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import io.iapeer.host.session.Typed;
import io.iapeer.host.testing.InMemorySessionHost;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 02 §9.8 and acceptance cases 64–68: the composer queue on its own. */
class ComposerQueueTest {
  static final Identity BORIS = new Identity("claude", "boris");
  static final String TYPING = "history\n❯ half a sentence";
  static final String FREE = "history\n❯ ";

  @TempDir Path tmp;
  final InMemorySessionHost host = new InMemorySessionHost();
  final List<String> delivered = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  volatile Typed answer = new Typed.Delivered("test");
  Caller lena;
  RouteFixture fx;

  final ComposerQueue.Drain drain = new ComposerQueue.Drain() {
    @Override
    public Typed deliver(Identity target, Path cwd, String envelope) throws InterruptedException {
      Thread.sleep(2); // typing takes a moment: overlaps would show
      delivered.add(envelope);
      return answer;
    }

    @Override
    public void delivered(ComposerQueue.Job job) {}

    @Override
    public void failed(ComposerQueue.Job job, String reason) {
      failures.add(job.envelope + ": " + reason);
    }
  };

  @BeforeEach
  void setUp() {
    fx = new RouteFixture(tmp, tmp.resolve("socks"));
    fx.peer("lena", "claude").peer("boris", "claude");
    lena = fx.caller("claude-lena");
    host.live(BORIS).attached(BORIS, true).screen(BORIS, TYPING);
  }

  ComposerQueue queue(Duration timeout) {
    return new ComposerQueue(host, new io.iapeer.host.runtime.Adapters(fx.layout()), timeout, Duration.ofMillis(5),
        d -> Thread.sleep(d), drain);
  }

  Optional<RouteResult> offer(ComposerQueue q, String envelope) {
    return q.offer(lena, BORIS, host.clientAttached(BORIS), tmp, envelope, Optional.empty(), Instant.EPOCH);
  }

  static Optional<RouteResult> queued(int depth) {
    return Optional.of(new RouteResult.Accepted(BORIS, false, Instant.EPOCH,
        Optional.of(new RouteResult.Queued("composer", depth))));
  }

  @Test
  void theAckIsImmediateAndTheMessageLandsOnceTheOperatorsTextIsGone() throws Exception {
    ComposerQueue q = queue(Duration.ofSeconds(30));

    assertThat(offer(q, "m1")).isEqualTo(queued(1));
    Thread.sleep(100);
    assertThat(delivered).isEmpty();

    host.screen(BORIS, FREE);
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    Thread.sleep(50);
    assertThat(delivered).containsExactly("m1");
    assertThat(failures).isEmpty();
    assertThat(q.depth(BORIS)).isZero();
  }

  @Test
  void textThatNeverClearsIsOverriddenAfterTheForceTimeout() {
    ComposerQueue q = queue(Duration.ofMillis(20));

    assertThat(offer(q, "m1")).isEqualTo(queued(1));

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    assertThat(failures).isEmpty();
  }

  @Test
  void aReplacedSessionFailsTheJobWithoutTypingIt() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    offer(q, "m1");

    host.replaced(BORIS);

    await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
    assertThat(failures.getFirst()).matches("m1: queued delivery to boris \\(claude\\) failed: .*(vanished|replaced).*");
    assertThat(delivered).isEmpty();
  }

  @Test
  void aSessionThatDiedFailsItToo() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    offer(q, "m1");

    host.dead(BORIS);

    await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
    assertThat(failures.getFirst()).contains("target session vanished or was replaced before delivery");
  }

  @Test
  void aTypingFailureIsReportedToTheSender() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    answer = new Typed.NotDelivered("tmux paste-buffer failed: no pane");
    offer(q, "m1");

    host.screen(BORIS, FREE);

    await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
    assertThat(failures).containsExactly("m1: queued delivery to boris (claude) failed: tmux paste-buffer failed: no pane");
  }

  @Test
  void concurrentEnqueuesAreHeldThenEachDeliveredOnceInOrder() throws Exception {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> senders = new ArrayList<>();
    List<RouteResult> acks = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      String env = "m" + i;
      senders.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        acks.add(offer(q, env).orElseThrow());
      }));
    }
    go.countDown();
    for (Thread t : senders) {
      t.join();
    }
    assertThat(acks).extracting(r -> ((RouteResult.Accepted) r).queue().orElseThrow().depth())
        .containsExactlyInAnyOrder(1, 2, 3);
    Thread.sleep(100);
    assertThat(delivered).isEmpty();

    host.screen(BORIS, FREE);

    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 3);
    Thread.sleep(50);
    assertThat(delivered).containsExactlyInAnyOrder("m0", "m1", "m2").doesNotHaveDuplicates();
    assertThat(failures).isEmpty();
  }

  @Test
  void whileMessagesAreHeldANewOneQueuesBehindThemEvenWhenTheComposerLooksFree() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    offer(q, "m1");
    host.attached(BORIS, false); // the operator left; m1 is still waiting for the next poll

    assertThat(offer(q, "m2")).isPresent();

    host.screen(BORIS, FREE);
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 2);
    assertThat(delivered).containsExactly("m1", "m2");
  }

  @Test
  void failAllTellsEverySenderAndTypesNothing() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    offer(q, "m1");
    offer(q, "m2");

    q.failAll("daemon shutting down/restarting before queued delivery completed");

    assertThat(failures).containsExactlyInAnyOrder(
        "m1: daemon shutting down/restarting before queued delivery completed",
        "m2: daemon shutting down/restarting before queued delivery completed");
    assertThat(delivered).isEmpty();
    // the operator is still typing: what would be held now is refused
    assertThat(offer(q, "m3")).contains(new RouteResult.Refused("composer delivery queue is closing; message NOT queued"));
  }

  @Test
  void theGateNeedsAnAttachedClientATuiAndHumanText() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    host.attached(BORIS, false);
    assertThat(offer(q, "m")).isEmpty();
    host.attached(BORIS, true).screen(BORIS, FREE);
    assertThat(offer(q, "m")).isEmpty();
    Identity nova = new Identity("telegram", "boris");
    host.live(nova).attached(nova, true).screen(nova, TYPING);
    assertThat(q.offer(lena, nova, host.clientAttached(nova), tmp, "m", Optional.empty(), Instant.EPOCH)).isEmpty();
  }

  @Test
  void aScreenThatCannotBeReadCountsAsTyping() {
    InMemorySessionHost blind = new InMemorySessionHost() {
      @Override
      public String captureStyled(Identity id) {
        throw new io.iapeer.host.session.TmuxException("capture-pane", "server busy");
      }
    };
    blind.live(BORIS).attached(BORIS, true);
    ComposerQueue q = new ComposerQueue(blind, new io.iapeer.host.runtime.Adapters(fx.layout()),
        Duration.ofMillis(50), Duration.ofMillis(5), d -> Thread.sleep(d), drain);

    assertThat(q.offer(lena, BORIS, blind.clientAttached(BORIS), tmp, "m", Optional.empty(), Instant.EPOCH)).isEqualTo(queued(1));
    // held until the force timeout, then typed
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
  }

  @Test
  void noSessionTokenRefusesTheMessage() {
    ComposerQueue q = queue(Duration.ofSeconds(30));
    InMemorySessionHost tokenless = new InMemorySessionHost() {
      @Override
      public Optional<String> sessionToken(Identity id) {
        return Optional.empty();
      }
    };
    tokenless.live(BORIS).attached(BORIS, true).screen(BORIS, TYPING);
    ComposerQueue q2 = new ComposerQueue(tokenless, new io.iapeer.host.runtime.Adapters(fx.layout()),
        Duration.ofSeconds(30), Duration.ofMillis(5), d -> Thread.sleep(d), drain);
    assertThat(q2.offer(lena, BORIS, tokenless.clientAttached(BORIS), tmp, "m", Optional.empty(), Instant.EPOCH)).contains(new RouteResult.Refused(
        "composer queue could not identify the live tmux session for \"boris\" (claude); message NOT queued"));
    assertThat(q.depth(BORIS)).isZero();
  }
}
