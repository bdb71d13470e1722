package io.iapeer.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;

import io.iapeer.core.peer.Intelligence;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** 02 §2.3 round-trip, §3.1 chunk-independence of extraction, §4 render fidelity. */
class EnvelopeProperties {
  /** Text that has broken envelope codecs before: terminators, tags, line ends, NUL, surrogates. */
  private static final List<String> HOSTILE =
      List.of(
          "]]>",
          "</iap>",
          "<iap ",
          "<message>",
          "</message>",
          "<msg>",
          "</msg>",
          "<attachments>",
          "</attachments>",
          "<![CDATA[",
          "]",
          "]]",
          "\r",
          "\n",
          "\r\n",
          "\u0000",
          "😀",
          "\uD83D",
          "<",
          ">",
          "&",
          "\"",
          "&amp;",
          "&lt;",
          " ");

  /** Stream noise: false {@code <iap } starts and stray {@code >}, but never a quoted attribute. */
  private static final List<String> NOISE =
      List.of(
          "x",
          "hello world",
          " ",
          "\n",
          "\r\n",
          "<iap ",
          "<iap",
          "<ia",
          ">",
          "<",
          "</iap>",
          "]]>",
          "<![CDATA[",
          "from",
          "runtime",
          "=",
          "😀");

  private static final long MARCH_1_2026 = Instant.parse("2026-03-01T00:00:00Z").getEpochSecond();
  private static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("UTC"),
          ZoneId.of("Europe/Paris"),
          ZoneId.of("America/Los_Angeles"),
          ZoneId.of("Asia/Kolkata"));

  record Sender(String personality, String runtime, String intelligence) {}

  record NoisyStream(String text, List<String> envelopes, List<String> messages) {}

  @Test
  void anyEnvelopeRoundTripsThroughTheWireForm() {
    qt().withExamples(300)
        .forAll(inputs())
        .checkAssert(
            in ->
                assertThat(EnvelopeCodec.decode(EnvelopeCodec.encode(in))).isEqualTo(expected(in)));
  }

  @Test
  void extractionFindsEveryEnvelopeWhereverTheStreamIsCut() {
    qt().withExamples(30)
        .forAll(streams(), lists().of(Generate.range(1, 80)).ofSizeBetween(1, 6))
        .checkAssert(
            (stream, chunkSizes) -> {
              String text = stream.text();
              assertThat(feed(List.of(text))).isEqualTo(stream.envelopes());
              List<Integer> badCuts = new ArrayList<>();
              for (int cut = 0; cut <= text.length(); cut++) {
                List<String> two = List.of(text.substring(0, cut), text.substring(cut));
                if (!feed(two).equals(stream.envelopes())) {
                  badCuts.add(cut);
                }
              }
              assertThat(badCuts).as("two-chunk cut points that change the result").isEmpty();
              List<String> emitted = feed(chunks(text, chunkSizes));
              assertThat(emitted).isEqualTo(stream.envelopes());
              assertThat(emitted)
                  .map(e -> EnvelopeCodec.decode(e).message())
                  .isEqualTo(stream.messages());
            });
  }

  @Test
  void theAgentRenderDecodesToTheSameEnvelopeApartFromTs() {
    qt().withExamples(300)
        .forAll(inputs(), nows())
        .checkAssert(
            (in, now) -> {
              String wire = EnvelopeCodec.encode(in);
              Envelope original = EnvelopeCodec.decode(wire);

              Envelope rendered = EnvelopeCodec.decode(AgentRender.renderForAgent(wire, now));

              assertThat(rendered.message()).isEqualTo(original.message());
              assertThat(rendered.attachments()).isEqualTo(original.attachments());
              assertThat(rendered.personality()).isEqualTo(original.personality());
              assertThat(rendered.runtime()).isEqualTo(original.runtime());
              assertThat(rendered.intelligence()).isEqualTo(original.intelligence());
              assertThat(rendered.topic()).isEqualTo(original.topic());
            });
  }

  /** What 02 §2.3 promises back: trimmed and cut topic, trimmed non-blank paths, same message. */
  private static Envelope expected(EnvelopeInput in) {
    return new Envelope(
        in.personality(),
        in.runtime(),
        Intelligence.normalize(in.intelligence()),
        in.sentAt().filter(ts -> !ts.isEmpty()),
        in.topic()
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .map(t -> t.substring(0, Math.min(t.length(), EnvelopeLimits.MAX_TOPIC_LEN))),
        in.attachments().stream().map(String::strip).filter(p -> !p.isEmpty()).toList(),
        in.message());
  }

  /** A consumer that prepends each rest to the next chunk (02 §3). */
  private static List<String> feed(List<String> chunks) {
    List<String> out = new ArrayList<>();
    String rest = "";
    for (String chunk : chunks) {
      ExtractResult r = EnvelopeExtractor.extract(rest + chunk);
      out.addAll(r.envelopes());
      rest = r.rest();
    }
    return out;
  }

  private static List<String> chunks(String text, List<Integer> sizes) {
    List<String> out = new ArrayList<>();
    for (int at = 0, i = 0; at < text.length(); i++) {
      int end = Math.min(text.length(), at + sizes.get(i % sizes.size()));
      out.add(text.substring(at, end));
      at = end;
    }
    return out;
  }

  /** Mostly short hostile bodies, some up to 16000 chars, some one hostile token repeated. */
  private static Gen<EnvelopeInput> inputs() {
    Gen<String> longBody =
        text(fragments(true), 2000, 4000)
            .map(s -> s.substring(0, Math.min(s.length(), EnvelopeLimits.MAX_MESSAGE_LEN)));
    Gen<String> repeated =
        Generate.pick(HOSTILE).map(t -> t.repeat(EnvelopeLimits.MAX_MESSAGE_LEN / t.length()));
    Gen<String> bodies =
        Generate.frequency(
            List.of(
                Pair.of(18, text(fragments(true), 0, 40)),
                Pair.of(1, longBody),
                Pair.of(1, repeated)));
    return inputs(bodies, 60, EnvelopeLimits.MAX_ATTACHMENTS);
  }

  /**
   * Envelopes with noise between them. Each noise run closes its own false starts with {@code >}:
   * an unclosed {@code <iap } right before a real envelope would legitimately absorb it (02 §3.1
   * step 3 reads up to the first {@code >}). Open tags over the 1024 cap are left out, as the
   * extractor never emits them. Small fields keep the all-cut-points loop short.
   */
  private static Gen<NoisyStream> streams() {
    Gen<EnvelopeInput> in =
        inputs(text(fragments(true), 0, 12), 6, 2)
            .assuming(i -> EnvelopeCodec.encode(i).indexOf('>') < EnvelopeLimits.MAX_OPEN_TAG);
    Gen<String> noise =
        text(Generate.pick(NOISE), 0, 12)
            .map(n -> n.lastIndexOf("<iap ") > n.lastIndexOf('>') ? n + ">" : n);
    return lists()
        .of(in)
        .ofSizeBetween(1, 3)
        .zip(
            lists().of(noise).ofSize(4),
            (inputs, noises) -> {
              StringBuilder text = new StringBuilder(noises.get(0));
              List<String> envelopes = new ArrayList<>();
              for (int i = 0; i < inputs.size(); i++) {
                String wire = EnvelopeCodec.encode(inputs.get(i));
                envelopes.add(wire);
                text.append(wire).append(noises.get(i + 1));
              }
              return new NoisyStream(
                  text.toString(), envelopes, inputs.stream().map(EnvelopeInput::message).toList());
            });
  }

  private static Gen<ZonedDateTime> nows() {
    return instants().zip(Generate.pick(ZONES), Instant::atZone);
  }

  private static Gen<EnvelopeInput> inputs(
      Gen<String> bodies, int topicFragments, int maxAttachments) {
    Gen<String> letter = chars('a', 'z');
    Gen<String> personality =
        letter.zip(
            text(Generate.oneOf(letter, chars('0', '9'), Generate.constant("-")), 0, 31),
            String::concat);
    Gen<String> runtime =
        letter.zip(text(Generate.oneOf(letter, chars('0', '9')), 0, 31), String::concat);
    Gen<String> intelligence =
        Generate.pick(List.of("artificial", "natural", "absent", "human", "scripted", "bogus"));
    Gen<Sender> sender = personality.zip(runtime, intelligence, Sender::new);
    Gen<Optional<String>> sentAt =
        instants().zip(Generate.pick(ZONES), Timestamps::formatSentAt).toOptionals(30);
    Gen<String> pad = Generate.pick(List.of("", " ", "  \t"));
    Gen<Optional<String>> topic =
        pad.zip(text(fragments(false), 0, topicFragments), pad, (a, t, b) -> a + t + b)
            .toOptionals(30);
    Gen<List<String>> attachments =
        lists().of(text(fragments(false), 0, 8)).ofSizeBetween(0, maxAttachments);
    return sender.zip(
        sentAt,
        topic,
        attachments,
        bodies,
        (s, ts, t, a, body) ->
            new EnvelopeInput(s.personality(), s.runtime(), s.intelligence(), ts, t, a, body));
  }

  /**
   * Runs of any code points (lone surrogates and NUL included) mixed half and half with {@link
   * #HOSTILE}; without CR and LF for topics and paths.
   */
  private static Gen<String> fragments(boolean lineBreaks) {
    Gen<Integer> codePoint =
        Generate.frequency(
            List.of(
                Pair.of(3, Generate.range(0, 0x7F)),
                Pair.of(1, Generate.range(0xD800, 0xDFFF)),
                Pair.of(2, Generate.range(0, Character.MAX_CODE_POINT))));
    Gen<String> anyRun =
        lists().of(codePoint).ofSizeBetween(0, 12).map(EnvelopeProperties::fromCodePoints);
    Gen<String> mixed = Generate.oneOf(anyRun, Generate.pick(HOSTILE));
    return lineBreaks ? mixed : mixed.map(s -> s.replace("\r", "").replace("\n", ""));
  }

  private static Gen<String> text(Gen<String> fragments, int min, int max) {
    return lists().of(fragments).ofSizeBetween(min, max).map(l -> String.join("", l));
  }

  private static Gen<String> chars(char from, char to) {
    return Generate.range(from, to).map(Character::toString);
  }

  private static String fromCodePoints(List<Integer> cps) {
    StringBuilder sb = new StringBuilder();
    cps.forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /** Two days from 1 March 2026, so renders see both same-day and other-day timestamps. */
  private static Gen<Instant> instants() {
    return Generate.longRange(MARCH_1_2026, MARCH_1_2026 + 2 * 86_400)
        .map(s -> Instant.ofEpochSecond(s));
  }
}
