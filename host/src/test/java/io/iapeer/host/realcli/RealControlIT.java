package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.session.CompactGate;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Typed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Resume, interrupt and compact (03 §5, §7.2, 06 D8) against the real Claude Code and Codex, driven
 * only through our session layer: the launcher with and without resume, the typist, the control
 * keys and the compact completion gate. The fake model shows what each CLI sent it. Saves the
 * screens after an interrupt and a compaction as {@code <cli>-interrupted} / {@code <cli>-compacted}.
 */
class RealControlIT {
  static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;
  FakeModelServer model;
  RealPeer peer;

  @BeforeEach
  void setUp() {
    RealClis.assumeInstalled();
    model = FakeModelServer.start();
  }

  @AfterEach
  void tearDown() {
    if (peer != null) {
      peer.close();
    }
    if (model != null) {
      assertThat(model.unknown()).as("requests the fake model did not know").isEmpty();
      model.close();
    }
  }

  /** A word no prompt of either CLI contains. */
  static String uniqueWord() {
    return "kumquat" + UUID.randomUUID().toString().substring(0, 8);
  }

  void launch(boolean resume, String message, String reply) {
    model.reply(Reply.text(reply));
    LaunchResult r = peer.launch(resume, message);
    assertThat(r).as(r.toString()).isInstanceOf(LaunchResult.Ready.class);
    peer.awaitAnswered(reply);
  }

  void type(String message, String reply) throws InterruptedException {
    model.reply(Reply.text(reply));
    assertThat(peer.type(message)).isInstanceOf(Typed.Delivered.class);
    peer.awaitAnswered(reply);
  }

  /** The first agent turn whose conversation holds {@code text}, once it has arrived. */
  ModelRequest turnWith(String text) {
    return await().alias("a turn with " + text).atMost(PATIENCE)
        .until(() -> model.turns().stream()
            .filter(t -> t.conversationTexts().stream().anyMatch(s -> s.contains(text)))
            .findFirst(), Optional::isPresent)
        .orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void aResumedSessionShowsTheModelTheEarlierTurnAndAFreshOneDoesNot(String runtime) {
    peer = RealPeer.start(runtime, tmp, model);
    String word = uniqueWord();
    launch(false, "remember the word " + word, "noted");
    peer.kill();
    assertThat(peer.alive()).isFalse();

    String ask = "which word was it?";
    launch(true, ask, "it was the word");
    assertThat(turnWith(ask).conversationTexts())
        .anySatisfy(t -> assertThat(t).contains("remember the word " + word))
        .contains("noted");
    peer.kill();

    String askFresh = "a fresh start: which word was it?";
    launch(false, askFresh, "no idea");
    assertThat(turnWith(askFresh).body()).doesNotContain(word);
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void anInterruptAbortsTheBusyTurnAndTheSessionTakesTheNextMessage(String runtime) throws Exception {
    peer = RealPeer.start(runtime, tmp, model);
    launch(false, "hello", "hi");
    String partial = "starting on the long task";
    model.replyStalledMidStream(Reply.text(partial));
    assertThat(peer.type("a long task")).isInstanceOf(Typed.Delivered.class);
    turnWith("a long task");
    // Claude shows its busy line; Codex, once the answer streams, shows its start instead.
    await().alias("the answer under way").atMost(PATIENCE)
        .until(() -> peer.screen().contains(RealPeer.BUSY) || peer.screen().contains(partial));

    peer.sessions.control().send(peer.id, peer.adapter, "interrupt");

    await().alias("the turn aborted in the transcript").atMost(PATIENCE).ignoreExceptions()
        .until(() -> peer.transcript().stream().anyMatch(RealControlIT::abortRecord));
    await().alias("the composer back, no turn running").atMost(PATIENCE).until(peer::idle);
    new Screens(runtime).save("interrupted", peer.capture());
    assertThat(peer.alive()).isTrue();

    String next = "the next task";
    type(next, "on it");
    // Exactly this text: nothing of the aborted turn is stuck in front of it in the composer.
    assertThat(turnWith(next).conversationTexts()).contains(next);
  }

  /**
   * Claude Code, interrupted before any answer arrived, takes the turn back: the message returns to
   * its composer and no abort record is written. Whatever is typed next lands behind it (left open:
   * the delivery path assumes an empty composer when no operator is attached, 02 §9.8).
   */
  @Test
  void claudeInterruptedBeforeTheAnswerPutsTheMessageBackInItsComposer() throws Exception {
    peer = RealPeer.start("claude", tmp, model);
    launch(false, "hello", "hi");
    model.replyWhenReleased(Reply.text("never seen"));
    assertThat(peer.type("an early task")).isInstanceOf(Typed.Delivered.class);
    turnWith("an early task");
    await().alias("the busy screen").atMost(PATIENCE).until(() -> peer.screen().contains(RealPeer.BUSY));

    peer.sessions.control().send(peer.id, peer.adapter, "interrupt");

    // Claude draws a no-break space after its prompt glyph.
    await().alias("the message back in the composer").atMost(PATIENCE)
        .until(() -> peer.idle() && peer.screen().lines().anyMatch(l -> l.equals("❯\u00a0an early task")));
    assertThat(peer.transcript()).noneMatch(RealControlIT::abortRecord);
    assertThat(peer.alive()).isTrue();
  }

  /**
   * How each CLI records an aborted turn (observed): Claude Code a user record whose text is
   * "[Request interrupted by user]" (once the answer had begun to stream); Codex an
   * {@code event_msg} of type {@code turn_aborted} with reason {@code interrupted}.
   */
  static boolean abortRecord(JsonNode r) {
    boolean claude = r.path("type").asString("").equals("user")
        && r.at("/message/content").valueStream()
            .anyMatch(b -> b.path("text").asString("").equals("[Request interrupted by user]"));
    boolean codex = r.path("type").asString("").equals("event_msg")
        && r.at("/payload/type").asString("").equals("turn_aborted")
        && r.at("/payload/reason").asString("").equals("interrupted");
    return claude || codex;
  }

  @ParameterizedTest
  @ValueSource(strings = {"claude", "codex"})
  void compactFinishesWithTheCompletionRecordInTheRealTranscript(String runtime) throws Exception {
    peer = RealPeer.start(runtime, tmp, model);
    launch(false, "the first task", "first done");
    type("the second task", "second done");

    CompactGate.Outcome outcome = peer.sessions.compactGate().compact(peer.id, peer.adapter, peer.project);

    assertThat(outcome).isEqualTo(new CompactGate.Outcome.Compacted("transcript+ready"));
    // One request: the summary's form was taken at once (Claude asks again when it is not).
    assertThat(model.compactions()).as("the summarisation request").hasSize(1);
    List<JsonNode> markers = peer.transcript().stream().filter(peer.adapter::isCompactMarker).toList();
    assertThat(markers).singleElement().satisfies(m -> assertThat(m.path("type").asString())
        .isEqualTo(runtime.equals("claude") ? "system" : "compacted"));
    new Screens(runtime).save("compacted", peer.capture());

    type("after the compaction", "third done");
    assertThat(turnWith("after the compaction").body()).contains("compacted summary 3f9c");
  }
}
