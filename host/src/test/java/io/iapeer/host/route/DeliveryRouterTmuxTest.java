package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.envelope.EnvelopeInput;
import io.iapeer.core.envelope.Timestamps;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery path end to end on real tmux with the fake agent: delivered into a live session,
 * held behind an operator's typing, refused when stopped, woken with the message, and one session
 * for concurrent senders to a sleeper.
 */
class DeliveryRouterTmuxTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

  @TempDir Path tmp;
  LiveHost live;
  DeliveryRouter router;

  @BeforeEach
  void setUp() throws Exception {
    live = new LiveHost(tmp, Map.of("IAPEER_COMPOSER_QUEUE_POLL_MS", "100"));
    live.fx.peer("lena", "claude").peer("boris", "claude").peer("kai", "codex");
    router = live.router().clock(Clock.systemUTC(), ZONE).build();
  }

  @AfterEach
  void tearDown() throws Exception {
    router.close();
    live.close();
  }

  static SendRequest req(String to, String message, String topic) {
    return new SendRequest(to, Optional.empty(), message, Optional.ofNullable(topic), List.of(), "mcp");
  }

  /** The envelope the router must have typed, rebuilt from the result's ts. */
  static String envelope(Caller from, RouteResult.Accepted r, String message, String topic) {
    return EnvelopeCodec.encode(new EnvelopeInput(from.personality(), from.runtime(), from.intelligence().wire(),
        Optional.of(Timestamps.formatSentAt(r.ts(), ZONE)), Optional.ofNullable(topic), List.of(), message));
  }

  @Test
  void aLiveClaudePeerGetsTheEnvelopeVerbatimInItsTranscript() throws Exception {
    Identity boris = live.up("claude-boris");
    Caller lena = live.fx.caller("claude-lena");
    String body = "line one\nline two with ]]> and </iap> and \"quotes\" — ünïcode";

    RouteResult r = router.send(lena, req("boris", body, "review"));

    assertThat(r).isInstanceOf(RouteResult.Accepted.class);
    RouteResult.Accepted a = (RouteResult.Accepted) r;
    assertThat(a.deliveredTo()).isEqualTo(boris);
    assertThat(a.woke()).isFalse();
    assertThat(a.queue()).isEmpty();
    assertThat(live.userInputs(boris)).containsExactly(envelope(lena, a, body, "review"));
    assertThat(Files.readString(live.fx.layout().lifecycleStateDir().resolve("claude-boris.topic"))).isEqualTo("review\n");
    assertThat(live.fx.layout().lifecycleStateDir().resolve("claude-boris.last-delivered")).exists();
    assertThat(RouteFixture.lines(live.fx.layout().deliveryLog())).singleElement().asString()
        .contains("ev=delivery path=mcp caller=claude-lena to=boris ok=true via=claude-boris woke=false");
  }

  @Test
  void aLiveCodexPeerToo() throws Exception {
    Identity kai = live.up("codex-kai");
    Caller lena = live.fx.caller("claude-lena");

    RouteResult.Accepted a = (RouteResult.Accepted) router.send(lena, req("kai", "hello codex", null));

    assertThat(a.deliveredTo()).isEqualTo(kai);
    // codex journals the input when its turn starts
    await().atMost(Duration.ofSeconds(10)).until(() -> live.userInputs(kai).size() == 1);
    assertThat(live.userInputs(kai)).containsExactly(envelope(lena, a, "hello codex", null));
  }

  @Test
  void anOperatorTypingInTheComposerHoldsTheMessageUntilTheirTextIsGone() throws Exception {
    Identity boris = live.up("claude-boris");
    live.attach(boris);
    await().until(() -> live.host.clientAttached(boris));
    live.host.sendLiteral(boris, "half a thought");
    await().until(() -> live.host.capture(boris).contains("❯ half a thought"));
    Caller lena = live.fx.caller("claude-lena");

    RouteResult r = router.send(lena, req("boris", "wait for the human", null));

    assertThat(r).isInstanceOf(RouteResult.Accepted.class);
    RouteResult.Accepted a = (RouteResult.Accepted) r;
    assertThat(a.queue()).contains(new RouteResult.Queued("composer", 1));
    Thread.sleep(600);
    assertThat(live.userInputs(boris)).isEmpty();
    assertThat(live.host.capture(boris)).contains("❯ half a thought");

    live.host.sendKeys(boris, "Escape"); // the operator clears their line

    await().atMost(Duration.ofSeconds(15)).until(() -> !live.userInputs(boris).isEmpty());
    assertThat(live.userInputs(boris)).containsExactly(envelope(lena, a, "wait for the human", null));
    // the job leaves the queue once typing returns, a moment after the transcript has it
    await().atMost(Duration.ofSeconds(10)).until(() -> router.composerDepth(boris) == 0);
    assertThat(RouteFixture.lines(live.fx.layout().deliveryLog())).singleElement().asString()
        .contains("ok=true via=claude-boris woke=false queued=true qkind=composer qd=1");
  }

  @Test
  void aStoppedPeerIsRefusedAndNotStarted() throws Exception {
    Files.createDirectories(live.fx.layout().lifecycleStateDir());
    Files.writeString(live.fx.layout().lifecycleStateDir().resolve("claude-boris.stopped"), "2026-03-02T08:00:00Z\n");

    RouteResult r = router.send(live.fx.caller("claude-lena"), req("boris", "anyone?", null));

    assertThat(r).isEqualTo(new RouteResult.Refused(
        "\"boris\" (claude) is stopped and not accepting messages; start it to resume"));
    assertThat(live.launches("boris")).isZero();
    assertThat(live.host.alive(new Identity("claude", "boris"))).isFalse();
  }

  @Test
  void anAsleepPeerIsWokenWithTheMessageAsItsFirstInput() throws Exception {
    Identity boris = new Identity("claude", "boris");
    Caller lena = live.fx.caller("claude-lena");

    RouteResult r = router.send(lena, req("boris", "wake up, boris", "standup"));

    assertThat(r).isInstanceOf(RouteResult.Accepted.class);
    RouteResult.Accepted a = (RouteResult.Accepted) r;
    assertThat(a.deliveredTo()).isEqualTo(boris);
    assertThat(a.woke()).isTrue();
    assertThat(live.host.alive(boris)).isTrue();
    assertThat(live.launches("boris")).isEqualTo(1);
    assertThat(live.userInputs(boris)).containsExactly(envelope(lena, a, "wake up, boris", "standup"));
    // the wake records the topic of the session it starts (03 §9.2 step 17); a boot first message
    // is no live delivery, so the router notes nothing
    assertThat(live.fx.layout().lifecycleStateDir().resolve("claude-boris.topic")).hasContent("standup\n");
    assertThat(live.fx.layout().eventLogDir().resolve("lifecycle.log")).content().doesNotContain("ev=topic-note");
  }

  @Test
  void concurrentSendsToASleeperStartOneSessionAndAllLand() throws Exception {
    Identity boris = new Identity("claude", "boris");
    live.fx.peer("ann", "claude").peer("bob", "codex").peer("cid", "claude");
    List<String> senders = List.of("claude-lena", "claude-ann", "codex-bob", "claude-cid");
    CountDownLatch go = new CountDownLatch(1);
    List<RouteResult> results = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (String s : senders) {
      Caller c = live.fx.caller(s);
      threads.add(Thread.ofVirtual().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        results.add(router.send(c, req("boris", "from " + s, null)));
      }));
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(results).hasSize(4).allMatch(RouteResult.Accepted.class::isInstance);
    assertThat(results).filteredOn(r -> ((RouteResult.Accepted) r).woke()).hasSize(1);
    assertThat(live.launches("boris")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> live.userInputs(boris).size() >= 4);
    List<String> bodies = live.userInputs(boris).stream().map(e -> EnvelopeCodec.decode(e).message()).toList();
    assertThat(bodies).containsExactlyInAnyOrder("from claude-lena", "from claude-ann", "from codex-bob", "from claude-cid");
  }
}
