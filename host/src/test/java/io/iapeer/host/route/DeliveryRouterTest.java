package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.envelope.Envelope;
import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.host.session.Typed;
import io.iapeer.host.testing.InMemorySessionHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing logic of 02 §9 on an in-memory session host with scripted typing and wakes:
 * acceptance cases 32–40 and 51–61 where they are the router's, and the outcome ladder of 06 D2.
 */
class DeliveryRouterTest {
  static final Instant NOW = Instant.parse("2026-03-02T08:15:07.412Z");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @TempDir Path tmp;
  RouteFixture fx;
  final InMemorySessionHost host = new InMemorySessionHost();
  final List<Map.Entry<Identity, String>> typed = new CopyOnWriteArrayList<>();
  Function<Identity, Typed> typing = id -> new Typed.Delivered("transcript");
  final Hooks hooks = new Hooks();
  final FakeWake wake = new FakeWake();

  static Identity id(String address) {
    return Identity.parse(address).orElseThrow();
  }

  /** Records what the router asks of the lifecycle. */
  static final class Hooks implements DeliveryHooks {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile boolean throwing;

    @Override
    public void topicNote(Identity target, String topic) {
      calls.add("topic " + target + " " + topic);
      fail();
    }

    @Override
    public void onDelivered(Caller caller) {
      calls.add("delivered-from " + caller.address());
      fail();
    }

    @Override
    public void delivered(Identity target) {
      calls.add("stamp " + target);
      fail();
    }

    private void fail() {
      if (throwing) {
        throw new IllegalStateException("hook failed");
      }
    }
  }

  /** A wake that answers what the test set and can bring the session up in the fake host. */
  final class FakeWake implements Wake {
    final List<Request> calls = new CopyOnWriteArrayList<>();
    Wake.Outcome outcome = Wake.Outcome.failed("no outcome set");
    Identity bringsUp;

    @Override
    public Outcome wake(Request request) {
      calls.add(request);
      if (bringsUp != null) {
        host.live(bringsUp);
      }
      return outcome;
    }
  }

  @BeforeEach
  void setUp() {
    fx = new RouteFixture(tmp, tmp.resolve("socks"));
    fx.peer("lena", "claude", "codex").peer("boris", "claude", "codex").peer("nova", "telegram", "claude");
  }

  DeliveryRouter.Builder builder() {
    return DeliveryRouter.builder(fx.layout(), fx.sessions(host))
        .typer((id, adapter, cwd, text) -> {
          typed.add(Map.entry(id, text));
          return typing.apply(id);
        })
        .hooks(hooks)
        .log(new DeliveryLog(fx.layout().deliveryLog(), 1 << 20, 3, Clock.fixed(NOW, BERLIN)))
        .composerTimings(Duration.ofSeconds(30), Duration.ofMillis(5))
        .clock(Clock.fixed(NOW, BERLIN), BERLIN);
  }

  DeliveryRouter router() {
    return builder().wake(wake).build();
  }

  RouteResult send(String from, String to, String message) {
    return send(from, new SendRequest(to, Optional.empty(), message, Optional.empty(), List.of(), "mcp"));
  }

  RouteResult send(String from, SendRequest req) {
    return router().send(fx.caller(from), req);
  }

  static SendRequest req(String to, String runtime, String message, String topic) {
    return new SendRequest(to, Optional.ofNullable(runtime), message, Optional.ofNullable(topic), List.of(), "mcp");
  }

  static RouteResult.Accepted delivered(String address, boolean woke) {
    return new RouteResult.Accepted(id(address), woke, Instant.parse("2026-03-02T08:15:07Z"), Optional.empty());
  }

  List<String> log() {
    return RouteFixture.lines(fx.layout().deliveryLog());
  }

  // ---- live hits

  @Test
  void aLiveTargetGetsTheEnvelopeOnceAndTheResultCarriesItsTs() {
    host.live(id("claude-boris"));

    RouteResult r = send("claude-lena", req("boris", null, "hello\nboris", "plan"));

    assertThat(r).isEqualTo(delivered("claude-boris", false));
    assertThat(typed).hasSize(1);
    assertThat(typed.getFirst().getKey()).isEqualTo(id("claude-boris"));
    Envelope e = EnvelopeCodec.decode(typed.getFirst().getValue());
    assertThat(e.personality()).isEqualTo("lena");
    assertThat(e.runtime()).isEqualTo("claude");
    assertThat(e.sentAt()).contains("2026-03-02T09:15:07+01:00");
    assertThat(router().formatTs(((RouteResult.Accepted) r).ts())).isEqualTo("2026-03-02T09:15:07+01:00");
    assertThat(e.topic()).contains("plan");
    assertThat(e.message()).isEqualTo("hello\nboris");
    assertThat(hooks.calls).containsExactly("topic claude-boris plan", "stamp claude-boris", "delivered-from claude-lena");
  }

  @Test
  void sendingToYourOwnSessionIsRefusedButYourOtherRuntimeIsFine() {
    host.live(id("claude-lena"), id("codex-lena"));

    assertThat(send("claude-lena", "lena", "x")).isEqualTo(new RouteResult.Refused("cannot send to self"));
    assertThat(send("claude-lena", req("lena", "codex", "x", null))).isEqualTo(delivered("codex-lena", false));
  }

  @Test
  void aFailedTypingIsPassedThroughVerbatim() {
    host.live(id("claude-boris"));
    typing = id -> new Typed.NotDelivered("peer \"boris\" (claude) is listed live but did not accept the message");

    assertThat(send("claude-lena", "boris", "x"))
        .isEqualTo(new RouteResult.Refused("peer \"boris\" (claude) is listed live but did not accept the message"));
    assertThat(hooks.calls).isEmpty();
  }

  @Test
  void claudeQueueingItBehindARunningTurnIsAnsweredAsQueued() {
    host.live(id("claude-boris"));
    typing = id -> new Typed.Queued();

    RouteResult r = send("claude-lena", "boris", "x");

    assertThat(r).isEqualTo(new RouteResult.Accepted(id("claude-boris"), false, Instant.parse("2026-03-02T08:15:07Z"),
        Optional.of(new RouteResult.Queued("session", 1))));
    assertThat(log().getFirst()).contains(" ok=true via=claude-boris woke=false queued=true qkind=session qd=1 ");
  }

  @Test
  void theRegistryIsReadAfreshOnEveryCall() {
    DeliveryRouter router = builder().build();
    Caller lena = fx.caller("claude-lena");
    assertThat(router.send(lena, req("zed", null, "x", null)))
        .isEqualTo(new RouteResult.Refused("peer \"zed\" is not in the iapeer peers index; message NOT delivered"));
    fx.peer("zed", "codex");
    host.live(id("codex-zed"));
    assertThat(router.send(lena, req("zed", null, "x", null))).isEqualTo(delivered("codex-zed", false));
  }

  @Test
  void aRegistryTheRequestAlreadyReadServesTheTargetAndTheWake_withoutASecondRead() {
    DeliveryRouter router = router();
    Caller lena = fx.caller("claude-lena");
    RegistrySnapshot read = new Registry(fx.layout(), w -> { }).read();
    fx.peer("zed", "codex");
    host.live(id("codex-zed"));

    assertThat(router.send(lena, req("zed", null, "x", null), read))
        .isEqualTo(new RouteResult.Refused("peer \"zed\" is not in the iapeer peers index; message NOT delivered"));
    router.send(lena, req("boris", null, "x", null), read);
    assertThat(wake.calls).singleElement().satisfies(w -> assertThat(w.registry()).isSameAs(read));
  }

  @Test
  void aValidationFailureWinsOverEverythingAfterIt() {
    RouteResult r = send("claude-lena", req("Ghost", null, "x", null));
    assertThat(r).isEqualTo(new RouteResult.Refused("invalid personality \"Ghost\" — must match /^[a-z][a-z0-9-]{0,31}$/"));
  }

  @Test
  void aMissingAttachmentIsRefusedBeforeAnythingIsTyped() throws Exception {
    host.live(id("claude-boris"));
    Path there = Files.writeString(tmp.resolve("there.txt"), "x");
    String gone = tmp.resolve("gone.txt").toString();
    SendRequest r = new SendRequest("boris", Optional.empty(), "see", Optional.empty(), List.of(there.toString(), gone), "cli");

    assertThat(send("claude-lena", r))
        .isEqualTo(new RouteResult.Refused("attachment 2 \"" + gone + "\" does not exist; message NOT delivered"));
    assertThat(typed).isEmpty();
  }

  @Test
  void anUnreadableRegistryIsARefusalNotAnException() {
    Caller lena = fx.caller("claude-lena");
    RouteFixture.write(fx.layout().registryFile(), "{not json");
    RouteResult r = builder().build().send(lena, req("boris", null, "x", null));
    assertThat(r).isInstanceOf(RouteResult.Refused.class);
    assertThat(((RouteResult.Refused) r).error()).contains("peers-profiles.json corrupted");
  }

  // ---- misses and the wake (cases 32, 51–53)

  @Test
  void withoutAWakeAnAsleepPeerIsOffline() {
    DeliveryRouter router = builder().build();
    assertThat(router.send(fx.caller("claude-lena"), req("boris", null, "x", null)))
        .isEqualTo(new RouteResult.Refused("peer offline: boris"));
    assertThat(router.send(fx.caller("claude-lena"), req("boris", "codex", "x", null)))
        .isEqualTo(new RouteResult.Refused("peer offline: boris (codex)"));
  }

  @Test
  void aWakeThatDeliveredTheEnvelopeAsFirstMessageIsWokeTrueAndNotTypedAgain() {
    wake.bringsUp = id("claude-boris");
    wake.outcome = new Wake.Outcome(true, true, Optional.of("claude"), Optional.empty(), false, Optional.empty());

    RouteResult r = send("claude-lena", req("boris", null, "wake up", "fix-resume"));

    assertThat(r).isEqualTo(delivered("claude-boris", true));
    assertThat(typed).isEmpty();
    assertThat(wake.calls).hasSize(1);
    Wake.Request w = wake.calls.getFirst();
    assertThat(w.personality()).isEqualTo("boris");
    assertThat(w.runtime()).isEmpty();
    assertThat(w.topic()).contains("fix-resume");
    assertThat(EnvelopeCodec.decode(w.task()).message()).isEqualTo("wake up");
    // a boot first message is no live delivery: no topic note, no stamp
    assertThat(hooks.calls).containsExactly("delivered-from claude-lena");
  }

  @Test
  void aWakeThatLostToAConcurrentOneHasTheMessageTypedLive() {
    wake.bringsUp = id("claude-boris");
    wake.outcome = Wake.Outcome.ready("claude", false, false);

    RouteResult r = send("claude-lena", req("boris", null, "me too", "fix-resume"));

    assertThat(r).isEqualTo(delivered("claude-boris", false));
    assertThat(typed).extracting(Map.Entry::getKey).containsExactly(id("claude-boris"));
    assertThat(EnvelopeCodec.decode(typed.getFirst().getValue()).message()).isEqualTo("me too");
    assertThat(hooks.calls).contains("topic claude-boris fix-resume");
  }

  @Test
  void aWakeReadyWithoutALiveSessionIsNotBelieved() {
    wake.outcome = Wake.Outcome.ready("claude", true, true);

    RouteResult r = send("claude-lena", "boris", "x");

    assertThat(r).isEqualTo(new RouteResult.Refused(
        "woke \"boris\" but the session is not live (verify-before-act): peer offline: boris (claude)"));
  }

  @Test
  void anExplicitRuntimeIsHandedToTheWake() {
    wake.bringsUp = id("codex-boris");
    wake.outcome = Wake.Outcome.ready("codex", true, true);

    assertThat(send("claude-lena", req("boris", "codex", "x", null))).isEqualTo(delivered("codex-boris", true));
    assertThat(wake.calls.getFirst().runtime()).contains("codex");
  }

  @Test
  void aFailedWakeSaysSo() {
    wake.outcome = Wake.Outcome.failed("crash-loop guard: 3 deaths in 300s, leaving asleep");
    assertThat(send("claude-lena", "boris", "x")).isEqualTo(new RouteResult.Refused(
        "peer \"boris\" offline and wake failed: crash-loop guard: 3 deaths in 300s, leaving asleep"));
    wake.outcome = new Wake.Outcome(false, false, Optional.empty(), Optional.empty(), false, Optional.empty());
    assertThat(send("claude-lena", "boris", "x"))
        .isEqualTo(new RouteResult.Refused("peer \"boris\" offline and wake failed: unknown"));
  }

  @Test
  void aStoppedPeerIsRefusedWithTheLifecyclesReasonUnwrapped() {
    wake.outcome = Wake.Outcome.stopped("\"boris\" (claude) is stopped and not accepting messages; start it to resume");
    assertThat(send("claude-lena", "boris", "x")).isEqualTo(
        new RouteResult.Refused("\"boris\" (claude) is stopped and not accepting messages; start it to resume"));
    wake.outcome = new Wake.Outcome(false, false, Optional.empty(), Optional.empty(), true, Optional.empty());
    assertThat(send("claude-lena", "boris", "x"))
        .isEqualTo(new RouteResult.Refused("peer \"boris\" is stopped and not accepting messages"));
  }

  @Test
  void severalLiveRuntimesWithoutTheDefaultAreAMissForTheWake() {
    host.live(id("codex-boris"));
    fx.peer("boris", "claude", "codex", "notifier");
    host.live(id("notifier-boris"));
    DeliveryRouter router = builder().build();

    assertThat(router.send(fx.caller("claude-lena"), req("boris", null, "x", null))).isEqualTo(
        new RouteResult.Refused("boris is online in multiple runtimes (codex, notifier) — specify runtime"));
  }

  // ---- hooks (cases 37, 54–56)

  @Test
  void noTopicNoTopicNoteAndThrowingHooksNeverChangeAResult() {
    host.live(id("claude-boris"));
    hooks.throwing = true;

    assertThat(send("claude-lena", req("boris", null, "x", "   "))).isEqualTo(delivered("claude-boris", false));
    assertThat(hooks.calls).containsExactly("stamp claude-boris", "delivered-from claude-lena");
  }

  @Test
  void theOnDeliveredHookIsNotCalledForAFailureAndAThrowingOneKeepsTheError() {
    hooks.throwing = true;
    assertThat(builder().build().send(fx.caller("claude-lena"), req("boris", null, "x", null)))
        .isEqualTo(new RouteResult.Refused("peer offline: boris"));
    assertThat(hooks.calls).isEmpty();
  }

  // ---- the telegram guard (cases 58–61)

  @Test
  void aSenderWithoutABotCannotReachAnOfflineTelegramDefaultAndNoWakeHappens() {
    RouteResult r = send("claude-lena", "nova", "hi");

    assertThat(r).isInstanceOf(RouteResult.Refused.class);
    assertThat(((RouteResult.Refused) r).error()).contains("telegram policy", "\"lena\"", "NOT delivered");
    assertThat(wake.calls).isEmpty();
  }

  @Test
  void anExplicitTelegramRuntimeIsGuardedToo() {
    fx.peer("nova", "claude", "telegram");
    RouteResult r = send("claude-lena", req("nova", "telegram", "hi", null));
    assertThat(((RouteResult.Refused) r).error()).startsWith("telegram policy").doesNotContain("offline");
  }

  @Test
  void aLiveTelegramTargetRefusesASenderWithoutABotAndTakesOneWithIt() {
    host.live(id("telegram-nova"));

    assertThat(send("claude-lena", "nova", "hi")).isInstanceOf(RouteResult.Refused.class);
    assertThat(typed).isEmpty();

    fx.bot("lena");
    assertThat(send("claude-lena", req("nova", null, "hi", "fix-resume"))).isEqualTo(delivered("telegram-nova", false));
    assertThat(typed).extracting(Map.Entry::getKey).containsExactly(id("telegram-nova"));
    assertThat(hooks.calls).contains("topic telegram-nova fix-resume");
  }

  @Test
  void theResolvedRuntimeIsGuardedWhenTheIntendedOneWasNot() {
    // default claude asleep, the only live runtime is telegram: resolution lands there
    fx.peer("nova", "claude", "telegram");
    host.live(id("telegram-nova"));
    RouteResult r = send("claude-lena", "nova", "hi");
    assertThat(((RouteResult.Refused) r).error()).startsWith("telegram policy");
    assertThat(typed).isEmpty();
  }

  // ---- ephemeral workers (02 §9.5; 03 §9.11; 04 case 32)

  @Test
  void aTaskForAnEphemeralWorkerJoinsItsQueueEvenWhileItIsLive() throws Exception {
    fx.ephemeral("boris");
    host.live(id("claude-boris"));
    List<Identity> kicked = new CopyOnWriteArrayList<>();
    DeliveryRouter router = builder().wake(wake).drainKick(kicked::add).build();

    RouteResult first = router.send(fx.caller("claude-lena"), req("boris", null, "task one", "t"));
    RouteResult second = router.send(fx.caller("claude-lena"), req("boris", "codex", "task two", null));

    Instant ts = Instant.parse("2026-03-02T08:15:07Z");
    Optional<RouteResult.Queued> one = Optional.of(new RouteResult.Queued(RouteResult.Queued.EPHEMERAL, 1));
    assertThat(first).isEqualTo(new RouteResult.Accepted(id("claude-boris"), false, ts, one));
    assertThat(second).isEqualTo(new RouteResult.Accepted(id("codex-boris"), false, ts, one));
    Path queue = fx.layout().lifecycleStateDir().resolve("claude-boris.queue");
    assertThat(Files.readString(queue.resolve("000001"))).contains("task one").contains("\"topic\":\"t\"");
    assertThat(kicked).containsExactly(id("claude-boris"), id("codex-boris"));
    assertThat(typed).isEmpty();
    assertThat(wake.calls).isEmpty();
    assertThat(hooks.calls).containsExactly("delivered-from claude-lena", "delivered-from claude-lena");
  }

  @Test
  void anEphemeralWorkerCannotQueueForItselfNorForAnUndeclaredRuntime() {
    fx.ephemeral("boris");
    assertThat(send("codex-boris", "boris", "task")).isEqualTo(new RouteResult.Refused("cannot send to self"));
    assertThat(router().send(fx.caller("claude-lena"), req("boris", "gemini", "task", null)))
        .isEqualTo(new RouteResult.Refused("runtime \"gemini\" is not declared for \"boris\""));
    assertThat(fx.layout().lifecycleStateDir().resolve("claude-boris.queue")).doesNotExist();
  }

  // ---- delivery.log (cases 35, 36)

  @Test
  void everySendIsLoggedWithoutItsBody() {
    DeliveryRouter router = builder().build();
    Caller lena = fx.caller("claude-lena");
    router.send(lena, req("boris", null, "hi", null));
    router.send(lena, new SendRequest("nobody", Optional.of("codex"), "secret body", Optional.of("probe topic"),
        List.of("/tmp/a", "/tmp/b"), "cli"));
    host.live(id("claude-boris"));
    router.send(lena, req("boris", null, "ok body", "t"));

    List<String> lines = log();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).matches(
        "ts=2026-03-02T08:15:07\\.412Z ev=delivery path=mcp caller=claude-lena to=boris ok=false ms=\\d+ len=2"
            + " err=\"peer offline: boris\"");
    assertThat(lines.get(1)).matches(
        "ts=\\S+ ev=delivery path=cli caller=claude-lena to=nobody rt=codex ok=false ms=\\d+ len=11 att=2"
            + " topic=\"probe topic\" err=\"peer \\\\\"nobody\\\\\" is not in the iapeer peers index; message NOT delivered\"");
    assertThat(lines.get(2)).matches(
        "ts=\\S+ ev=delivery path=mcp caller=claude-lena to=boris ok=true via=claude-boris woke=false ms=\\d+ len=7 topic=t");
    assertThat(String.join("\n", lines)).doesNotContain("secret", "ok body", "/tmp/a");
  }

  @Test
  void theDaemonsRouterLogsWithTheRotationKnobs() {
    fx.env.put("IAPEER_DELIVERY_LOG_MAX_BYTES", "300");
    fx.env.put("IAPEER_DELIVERY_LOG_KEEP", "2");
    DeliveryRouter router = DeliveryRouter.forDaemon(fx.layout(), fx.settings(), id -> {});
    Caller lena = fx.caller("claude-lena");
    for (int i = 0; i < 10; i++) {
      router.send(lena, req("nobody", null, "x", null));
    }
    Path log = fx.layout().deliveryLog();
    assertThat(log).exists();
    assertThat(log.resolveSibling("delivery.log.1")).exists();
    assertThat(log.resolveSibling("delivery.log.2")).exists();
    assertThat(log.resolveSibling("delivery.log.3")).doesNotExist();
    assertThat(log.toFile().length()).isLessThanOrEqualTo(300);
  }

  @Test
  void withoutALogNothingIsWritten() {
    DeliveryRouter router = builder().log(null).build();
    router.send(fx.caller("claude-lena"), req("boris", null, "hi", null));
    assertThat(fx.layout().deliveryLog()).doesNotExist();
  }

  // ---- the composer queue through the router (case 57)

  @Test
  void anOperatorTypingInTheTargetHoldsTheMessageUntilTheComposerIsFree() {
    Identity boris = id("claude-boris");
    host.live(boris).attached(boris, true).screen(boris, "history\n❯ half a thought");
    DeliveryRouter router = router();

    RouteResult r = router.send(fx.caller("claude-lena"), req("boris", null, "queued body", "review"));

    assertThat(r).isEqualTo(new RouteResult.Accepted(boris, false, Instant.parse("2026-03-02T08:15:07Z"),
        Optional.of(new RouteResult.Queued("composer", 1))));
    assertThat(typed).isEmpty();
    assertThat(hooks.calls).isEmpty(); // no on-delivered for a queued ack
    assertThat(log().getFirst()).contains("ok=true via=claude-boris woke=false queued=true qkind=composer qd=1");

    host.screen(boris, "history\n❯ ");
    await().atMost(Duration.ofSeconds(5)).until(() -> typed.size() == 1);
    assertThat(EnvelopeCodec.decode(typed.getFirst().getValue()).message()).isEqualTo("queued body");
    await().until(() -> hooks.calls.contains("delivered-from claude-lena"));
    assertThat(hooks.calls).containsExactly("topic claude-boris review", "stamp claude-boris", "delivered-from claude-lena");
    assertThat(router.composerDepth(boris)).isZero();
  }

  @Test
  void anAttachedOperatorWithAnEmptyComposerDoesNotHoldAnything() {
    Identity boris = id("claude-boris");
    host.live(boris).attached(boris, true).screen(boris, "❯ \u001b[2mTry something\u001b[0m");
    assertThat(send("claude-lena", "boris", "x")).isEqualTo(delivered("claude-boris", false));
  }

  @Test
  void theCliPathHasNoComposerQueue() {
    Identity boris = id("claude-boris");
    host.live(boris).attached(boris, true).screen(boris, "❯ typing");
    DeliveryRouter router = builder().composerQueue(false).build();
    assertThat(router.send(fx.caller("claude-lena"), req("boris", null, "x", null))).isEqualTo(delivered("claude-boris", false));
  }

  @Test
  void aRouterRuntimeIsNeverHeld() {
    Identity nova = id("telegram-nova");
    fx.bot("lena");
    host.live(nova).attached(nova, true).screen(nova, "❯ typing");
    assertThat(send("claude-lena", "nova", "x")).isEqualTo(delivered("telegram-nova", false));
  }

  @Test
  void aFailedQueuedDeliveryComesBackToTheSenderFromTheFoundationPeer() {
    fx.peer("iapeer", "notifier");
    Identity boris = id("claude-boris");
    host.live(boris, id("claude-lena")).attached(boris, true).screen(boris, "❯ typing");
    DeliveryRouter router = router();
    router.send(fx.caller("claude-lena"), req("boris", null, "lost", "review"));

    host.replaced(boris);

    await().atMost(Duration.ofSeconds(5)).until(() -> typed.size() == 1);
    Map.Entry<Identity, String> notice = typed.getFirst();
    assertThat(notice.getKey()).isEqualTo(id("claude-lena"));
    Envelope e = EnvelopeCodec.decode(notice.getValue());
    assertThat(e.personality()).isEqualTo("iapeer");
    assertThat(e.runtime()).isEqualTo("notifier");
    assertThat(e.topic()).contains("review");
    assertThat(e.message()).isEqualTo(
        "delivery failed: queued message to boris (claude) topic=\"review\" was not delivered.\n"
            + "reason: queued delivery to boris (claude) failed: target session vanished or was replaced before delivery\n"
            + "The original send was accepted as queued because a human operator was typing in the target composer;"
            + " retry if still needed.");
    await().until(() -> log().size() == 2);
    assertThat(log().get(1)).matches(
        "ts=\\S+ ev=composer-queue-failed-notify caller=notifier-iapeer to=lena rt=claude ok=true via=claude-lena"
            + " woke=false topic=review");
  }

  @Test
  void withoutAFoundationPeerAFailedQueuedDeliveryIsOnlyLogged() {
    Identity boris = id("claude-boris");
    host.live(boris).attached(boris, true).screen(boris, "❯ typing");
    DeliveryRouter router = router();
    router.send(fx.caller("claude-lena"), req("boris", null, "lost", null));

    router.close();

    assertThat(typed).isEmpty();
    assertThat(log()).hasSize(2);
    assertThat(log().get(1)).matches(
        "ts=\\S+ ev=composer-queue-failed-notify caller=iapeer to=lena rt=claude ok=false topic=delivery-failed"
            + " err=\"foundation peer \\\\\"iapeer\\\\\" is not registered; cannot notify queued sender\"");
    // closed: a message that would be held is refused now
    assertThat(router.send(fx.caller("claude-lena"), req("boris", null, "late", null)))
        .isEqualTo(new RouteResult.Refused("composer delivery queue is closing; message NOT queued"));
  }

  @Test
  void theFoundationPeerItselfIsNotNotified() {
    fx.peer("iapeer", "claude");
    Identity boris = id("claude-boris");
    host.live(boris, id("claude-iapeer")).attached(boris, true).screen(boris, "❯ typing");
    DeliveryRouter router = router();
    router.send(fx.caller("claude-iapeer"), req("boris", null, "lost", null));

    router.close();

    assertThat(typed).isEmpty();
    assertThat(log().get(1)).contains("caller=claude-iapeer to=iapeer rt=claude ok=true",
        "err=\"skipped self-notify (queued sender is the foundation peer itself)\"");
  }

  @Test
  void shutdownFailsEveryHeldMessageWithItsReason() {
    fx.peer("iapeer", "notifier");
    Identity boris = id("claude-boris");
    host.live(boris, id("claude-lena")).attached(boris, true).screen(boris, "❯ typing");
    DeliveryRouter router = router();
    router.send(fx.caller("claude-lena"), req("boris", null, "one", null));
    router.send(fx.caller("claude-lena"), req("boris", null, "two", null));

    router.close();

    assertThat(typed).hasSize(2).allSatisfy(t -> {
      assertThat(t.getKey()).isEqualTo(id("claude-lena"));
      assertThat(EnvelopeCodec.decode(t.getValue()).message())
          .contains("reason: daemon shutting down/restarting before queued delivery completed");
    });
  }

  // ---- concurrency (02 §13)

  @Test
  void deliveriesIntoOneIdentityNeverOverlapAndDifferentIdentitiesDo() throws Exception {
    host.live(id("claude-boris"), id("codex-lena"));
    Map<Identity, AtomicInteger> inside = new ConcurrentHashMap<>();
    AtomicInteger overall = new AtomicInteger();
    List<Integer> perIdentityMax = new CopyOnWriteArrayList<>();
    List<Integer> overallMax = new CopyOnWriteArrayList<>();
    DeliveryRouter router = builder().typer((id, adapter, cwd, text) -> {
      int mine = inside.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
      perIdentityMax.add(mine);
      overallMax.add(overall.incrementAndGet());
      Thread.sleep(20);
      overall.decrementAndGet();
      inside.get(id).decrementAndGet();
      return new Typed.Delivered("test");
    }).build();

    List<Thread> threads = new ArrayList<>();
    List<RouteResult> results = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 16; i++) {
      String from = i % 2 == 0 ? "claude-lena" : "claude-boris";
      String to = i % 2 == 0 ? "boris" : "lena";
      String rt = i % 2 == 0 ? null : "codex";
      threads.add(Thread.ofVirtual().start(() -> results.add(router.send(fx.caller(from), req(to, rt, "m", null)))));
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(results).hasSize(16).allMatch(RouteResult.Accepted.class::isInstance);
    assertThat(perIdentityMax).containsOnly(1);
    assertThat(overallMax).contains(2);
  }
}
