package io.iapeer.core.envelope;

import static io.iapeer.core.envelope.AgentRender.renderForAgent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 02 §4 [L]: the compact agent render, its §4.5 example and acceptance case 23. */
class AgentRenderTest {
  static final ZonedDateTime SAME_DAY = ZonedDateTime.parse("2026-03-02T12:00:00+01:00");
  static final ZonedDateTime NEXT_DAY = ZonedDateTime.parse("2026-03-03T12:00:00+01:00");

  static String wire(String ts, String message) {
    return EnvelopeCodec.encode(
        new EnvelopeInput(
            "ops-desk",
            "telegram",
            "natural",
            Optional.of(ts),
            Optional.empty(),
            List.of(),
            message));
  }

  static String renderedTs(String rendered) {
    return EnvelopeCodec.decode(rendered).sentAt().orElseThrow();
  }

  @Test
  void theFullExampleRendersByteForByte() {
    assertThat(renderForAgent(EnvelopeCodecTest.FULL_EXAMPLE_WIRE, SAME_DAY))
        .isEqualTo(
            """
            <iap from="ops-desk" runtime="telegram" intelligence="natural" ts="09:15:07" \
            topic="Q1 &quot;plan&quot; &lt;draft&gt; &amp; notes">
            Reply via send_to_peer.
            <attachments>/srv/in/a.csv
            /srv/in/b c.pdf</attachments>
            <msg><![CDATA[done]]]]><![CDATA[>next
            line two]]></msg>
            </iap>\
            """);
  }

  @Test
  void aPlainBodyRenderedTheNextDayStaysRawWithADatedTimestamp() {
    String rendered =
        renderForAgent(wire("2026-03-02T09:15:07+01:00", "see <T> in Foo.java"), NEXT_DAY);

    assertThat(rendered)
        .isEqualTo(
            """
            <iap from="ops-desk" runtime="telegram" intelligence="natural" ts="2026-03-02 09:15:07">
            Reply via send_to_peer.
            <msg>see <T> in Foo.java</msg>
            </iap>\
            """);
    assertThat(EnvelopeCodec.decode(rendered).message()).isEqualTo("see <T> in Foo.java");
  }

  @Test
  void case23ASameDayTimestampShowsOnlyTheTime() {
    assertThat(renderedTs(renderForAgent(wire("2026-03-02T09:15:07+01:00", "m"), SAME_DAY)))
        .isEqualTo("09:15:07");
  }

  @Test
  void case23AnOtherDayTimestampShowsDateAndTime() {
    assertThat(renderedTs(renderForAgent(wire("2026-03-02T09:15:07+01:00", "m"), NEXT_DAY)))
        .isEqualTo("2026-03-02 09:15:07");
  }

  @Test
  void case23AGarbageTimestampIsShownVerbatim() {
    assertThat(renderedTs(renderForAgent(wire("teatime <soon>", "m"), SAME_DAY)))
        .isEqualTo("teatime <soon>");
  }

  @Test
  void case23ABodyHoldingTheCdataTerminatorOrACarriageReturnIsWrapped() {
    assertThat(renderForAgent(wire("2026-03-02T09:15:07+01:00", "a]]>b"), SAME_DAY))
        .contains("<msg><![CDATA[a]]]]><![CDATA[>b]]></msg>");
    assertThat(renderForAgent(wire("2026-03-02T09:15:07+01:00", "a\rb"), SAME_DAY))
        .contains("<msg><![CDATA[a\rb]]></msg>");
  }

  @Test
  void case23ABodyWithOrdinaryAngleBracketsStaysRaw() {
    assertThat(
            renderForAgent(
                wire("2026-03-02T09:15:07+01:00", "if (a < b && c > d) List<T>"), SAME_DAY))
        .contains("<msg>if (a < b && c > d) List<T></msg>");
  }

  @Test
  void case23UndecodableInputIsReturnedUnchanged() {
    String broken = "<iap from-personality=\"a\">no runtime, no message";

    assertThat(renderForAgent(broken, SAME_DAY)).isSameAs(broken);
    assertThat(renderForAgent("plain text", SAME_DAY)).isEqualTo("plain text");
  }

  @Test
  void aBodyQuotingAnEnvelopeIsWrapped() {
    String quoted = "he said <iap from=\"x\" runtime=\"y\"><msg>boo</msg></iap>";

    String rendered = renderForAgent(wire("2026-03-02T09:15:07+01:00", quoted), SAME_DAY);

    assertThat(rendered).contains("<msg><![CDATA[he said");
    assertThat(EnvelopeCodec.decode(rendered).message()).isEqualTo(quoted);
  }

  @Test
  void anEnvelopeWithoutTimestampOrKnownIntelligenceRendersWithoutThoseAttributes() {
    String wire =
        EnvelopeCodec.encode(
            new EnvelopeInput(
                "a", "b", "bogus", Optional.empty(), Optional.empty(), List.of(), "m"));

    assertThat(renderForAgent(wire, SAME_DAY))
        .isEqualTo("<iap from=\"a\" runtime=\"b\">\nReply via send_to_peer.\n<msg>m</msg>\n</iap>");
  }
}
