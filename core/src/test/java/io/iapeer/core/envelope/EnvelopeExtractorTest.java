package io.iapeer.core.envelope;

import static io.iapeer.core.envelope.EnvelopeCodecTest.input;
import static io.iapeer.core.envelope.EnvelopeCodecTest.withAttachments;
import static io.iapeer.core.envelope.EnvelopeExtractor.extract;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** 02 §3.1 [L]: the streaming acceptance cases of §14. */
class EnvelopeExtractorTest {

  static String wire(String message) {
    return EnvelopeCodec.encode(input(message));
  }

  static String messageOf(String envelope) {
    return EnvelopeCodec.decode(envelope).message();
  }

  @Test
  void case4ACloseTagQuotedInTheBodyDoesNotEndTheEnvelope() {
    String wire = wire("see the closing tag </iap> right here");

    ExtractResult r = extract(wire);

    assertThat(r.envelopes()).containsExactly(wire);
    assertThat(r.rest()).isEmpty();
    assertThat(messageOf(r.envelopes().get(0))).isEqualTo("see the closing tag </iap> right here");
  }

  @Test
  void case5TwoEnvelopesAreBothFoundWhenTheFirstQuotesACloseTag() {
    String first = wire("fake </iap> inside");
    String second = wire("second");

    ExtractResult r = extract(first + "\n" + second);

    assertThat(r.envelopes()).containsExactly(first, second);
    assertThat(r.envelopes())
        .map(EnvelopeExtractorTest::messageOf)
        .containsExactly("fake </iap> inside", "second");
    assertThat(r.rest()).isEmpty();
  }

  @Test
  void case9EveryHostileSequenceAtOnceStillGivesOneIntactEnvelope() {
    String message = "X </iap> Y </message> Z ]]> W\rtail\nend";
    List<String> attachments = List.of("/path/with ]]> weird", "/second </iap> path");
    String wire = EnvelopeCodec.encode(withAttachments(attachments, message));

    ExtractResult r = extract(wire);

    assertThat(r.envelopes()).containsExactly(wire);
    Envelope env = EnvelopeCodec.decode(r.envelopes().get(0));
    assertThat(env.message()).isEqualTo(message);
    assertThat(env.attachments()).isEqualTo(attachments);
    assertThat(env.personality()).isEqualTo("lena");
    assertThat(env.runtime()).isEqualTo("codex");
  }

  @Test
  void case10AnEnvelopeSplitAtItsMidpointIsEmittedOnceTheTailArrives() {
    String wire = wire("split me");
    int mid = wire.length() / 2;

    ExtractResult first = extract(wire.substring(0, mid));
    ExtractResult second = extract(first.rest() + wire.substring(mid));

    assertThat(first.envelopes()).isEmpty();
    assertThat(second.envelopes()).containsExactly(wire);
  }

  @Test
  void case11ACutInsideACloseTagQuotedInCdataWaitsForTheRealClose() {
    String wire = wire("pre </iap> post");
    int cut = wire.indexOf("</iap>") + 3;

    ExtractResult first = extract(wire.substring(0, cut));
    ExtractResult second = extract(first.rest() + wire.substring(cut));

    assertThat(first.envelopes()).isEmpty();
    assertThat(second.envelopes())
        .map(EnvelopeExtractorTest::messageOf)
        .containsExactly("pre </iap> post");
  }

  @Test
  void case12NoiseBeforeTheMarkerIsDiscarded() {
    String wire = wire("hello");

    ExtractResult r = extract("some log noise > and more\n" + wire);

    assertThat(r.envelopes()).containsExactly(wire);
    assertThat(r.rest()).isEmpty();
  }

  @Test
  void case16ProseMentioningAnIapTagIsSkippedAndTheRealEnvelopeFound() {
    String wire = wire("real");

    ExtractResult r = extract("notes: <iap this is just text>\n" + wire);

    assertThat(r.envelopes()).containsExactly(wire);
    assertThat(r.rest().length()).isLessThanOrEqualTo(5);
  }

  @Test
  void case17AClosedTagWithoutASenderIsSkipped() {
    String wire = wire("real");

    ExtractResult r = extract("<iap topic=\"x\">huh</iap>" + wire);

    assertThat(r.envelopes()).containsExactly(wire);
  }

  @Test
  void case18AShortUnclosedMentionWaitsForMoreText() {
    ExtractResult r = extract("report: <iap mention without close");

    assertThat(r.envelopes()).isEmpty();
    assertThat(r.rest()).startsWith("<iap ");
  }

  @Test
  void case18AnOverlongUnclosedMentionIsDroppedAndARealEnvelopeAfterItFound() {
    String wire = wire("real");

    ExtractResult first = extract("report: <iap " + "x".repeat(1100));
    ExtractResult second = extract(first.rest() + "… tag ended> more text " + wire);

    assertThat(first.envelopes()).isEmpty();
    assertThat(first.rest().length()).isLessThanOrEqualTo(5);
    assertThat(second.envelopes()).containsExactly(wire);
  }

  @Test
  void case18AShortMentionClosedLaterGivesWayToTheRealEnvelope() {
    String wire = wire("real");

    ExtractResult first = extract("report: <iap mention without close");
    ExtractResult second = extract(first.rest() + "… tag ended> more text " + wire);

    assertThat(second.envelopes()).containsExactly(wire);
  }

  @Test
  void case19AnEnvelopeCutInsideItsOpenTagWaitsThenCompletes() {
    String wire = wire("patience");
    int cut = wire.indexOf("from-runtime");

    ExtractResult first = extract(wire.substring(0, cut));
    ExtractResult second = extract(first.rest() + wire.substring(cut));

    assertThat(first.envelopes()).isEmpty();
    assertThat(first.rest()).isEqualTo(wire.substring(0, cut));
    assertThat(second.envelopes()).containsExactly(wire);
  }

  @Test
  void aMarkerStraddlingTwoChunksIsKeptInTheRest() {
    String wire = wire("straddle");

    ExtractResult first = extract("noise <ia");
    ExtractResult second = extract(first.rest() + wire.substring(3));

    assertThat(first.rest()).isEqualTo("e <ia");
    assertThat(second.envelopes()).containsExactly(wire);
  }

  @Test
  void anOpenTagLongerThanTheCapIsNeverWaitedOn() {
    String wire = wire("real");
    String longTag = "<iap from=\"a\" runtime=\"b\" pad=\"" + "p".repeat(1024) + "\">";

    ExtractResult r = extract(longTag + "<msg>fake</msg></iap>" + wire);

    assertThat(r.envelopes()).containsExactly(wire);
  }

  @Test
  void aCandidateTheDecoderRejectsIsSkippedByOneCharacter() {
    String wire = wire("real");

    ExtractResult r = extract("<iap from=\"a\" runtime=\"b\">no message</iap>" + wire);

    assertThat(r.envelopes()).containsExactly(wire);
  }

  @Test
  void theCompactFormIsExtractedToo() {
    String compact = "<iap from=\"a\" runtime=\"b\">\n<msg>x</msg>\n</iap>";

    assertThat(extract("..." + compact + "tail").envelopes()).containsExactly(compact);
  }
}
