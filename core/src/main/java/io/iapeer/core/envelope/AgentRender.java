package io.iapeer.core.envelope;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * [L] The compact form an envelope takes at its last hop into an LLM context (02 §4). Router
 * targets always get the wire form; this is for agentic sessions only.
 */
public final class AgentRender {
  /** Text a raw body could be misread by; any of these, or a CR, forces CDATA (02 §4.2). */
  private static final List<String> NEEDS_CDATA =
      List.of(
          "<iap ",
          "</iap>",
          "<message>",
          "</message>",
          "<msg>",
          "</msg>",
          "<attachments>",
          "</attachments>",
          Cdata.OPEN,
          Cdata.CLOSE,
          "\r");

  private AgentRender() {}

  /**
   * The compact render of {@code wire}, with {@code ts} shown in the zone of {@code now}. Never
   * throws: on any failure the wire text is returned unchanged (02 §4.4).
   */
  public static String renderForAgent(String wire, ZonedDateTime now) {
    try {
      return render(EnvelopeCodec.decode(wire), now);
    } catch (RuntimeException e) {
      return wire;
    }
  }

  private static String render(Envelope env, ZonedDateTime now) {
    List<String> attrs = new ArrayList<>();
    attrs.add(Attributes.render("from", env.personality()));
    attrs.add(Attributes.render("runtime", env.runtime()));
    env.intelligence().ifPresent(i -> attrs.add(Attributes.render("intelligence", i.wire())));
    env.sentAt().ifPresent(ts -> attrs.add(Attributes.render("ts", compactTs(ts, now))));
    env.topic().ifPresent(t -> attrs.add(Attributes.render("topic", t)));

    List<String> lines = new ArrayList<>();
    lines.add("<iap " + String.join(" ", attrs) + ">");
    lines.add(EnvelopeCodec.INSTRUCTION);
    if (!env.attachments().isEmpty()) {
      lines.add(EnvelopeCodec.element("attachments", body(String.join("\n", env.attachments()))));
    }
    lines.add(EnvelopeCodec.element("msg", body(env.message())));
    lines.add(EnvelopeCodec.CLOSE_TAG);
    return String.join("\n", lines);
  }

  /** 02 §4.3: an unparseable {@code ts} is shown verbatim. */
  private static String compactTs(String ts, ZonedDateTime now) {
    return Timestamps.parse(ts).map(t -> Timestamps.formatForAgent(t, now)).orElse(ts);
  }

  /** 02 §4.2: raw text unless it holds a structural sequence or a CR. */
  private static String body(String text) {
    return NEEDS_CDATA.stream().anyMatch(text::contains) ? Cdata.wrap(text) : text;
  }
}
