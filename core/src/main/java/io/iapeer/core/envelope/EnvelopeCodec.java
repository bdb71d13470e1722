package io.iapeer.core.envelope;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The IAP envelope wire form: encoder (02 §1) and decoder (02 §2). Pure and stateless. */
public final class EnvelopeCodec {
  /** [L] The fixed instruction line; decoders ignore it (02 §1.3). */
  static final String INSTRUCTION = "Reply via send_to_peer.";

  static final String CLOSE_TAG = "</iap>";

  private static final Pattern OPEN_TAG = Pattern.compile("^<iap\\s+([^>]*)>");

  private EnvelopeCodec() {}

  /** The wire envelope of 02 §1.6: lines joined by LF, no trailing newline. */
  public static String encode(EnvelopeInput in) {
    List<String> attrs = new ArrayList<>();
    attrs.add(Attributes.render("from-personality", in.personality()));
    attrs.add(Attributes.render("from-runtime", in.runtime()));
    attrs.add(Attributes.render("from-intelligence", in.intelligence()));
    in.sentAt().filter(ts -> !ts.isEmpty()).ifPresent(ts -> attrs.add(Attributes.render("ts", ts)));
    wireTopic(in.topic()).ifPresent(t -> attrs.add(Attributes.render("topic", t)));

    List<String> lines = new ArrayList<>();
    lines.add("<iap " + String.join(" ", attrs) + ">");
    lines.add(INSTRUCTION);
    if (!in.attachments().isEmpty()) {
      lines.add(element("attachments", Cdata.wrap(String.join("\n", in.attachments()))));
    }
    lines.add(element("message", Cdata.wrap(in.message())));
    lines.add(CLOSE_TAG);
    return String.join("\n", lines);
  }

  /** Trimmed; absent when blank; else its first 200 UTF-16 units (02 §1.2). */
  private static Optional<String> wireTopic(Optional<String> topic) {
    return topic
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .map(t -> t.substring(0, Math.min(t.length(), EnvelopeLimits.MAX_TOPIC_LEN)));
  }

  static String element(String tag, String body) {
    return "<" + tag + ">" + body + "</" + tag + ">";
  }

  /**
   * Reads one envelope, wire or compact form (02 §2). Compact attribute names win over wire names
   * (02 §2.1 step 3); {@code <message>} wins over {@code <msg>}.
   *
   * @throws IapException with the exact texts of 02 §2
   */
  public static Envelope decode(String xml) {
    String text = xml.strip();
    Matcher open = OPEN_TAG.matcher(text);
    if (!open.find()) {
      throw new IapException("invalid IAP envelope: missing <iap ...>");
    }
    String attrs = open.group(1);
    Optional<String> personality = readBoth(attrs, "from", "from-personality");
    Optional<String> runtime = readBoth(attrs, "runtime", "from-runtime");
    if (personality.isEmpty() || runtime.isEmpty()) {
      throw new IapException("invalid IAP envelope: missing from-personality/from-runtime");
    }
    String message =
        Cdata.readElement(text, "message")
            .or(() -> Cdata.readElement(text, "msg"))
            .orElseThrow(() -> new IapException("invalid IAP envelope: missing message"));
    return new Envelope(
        personality.get(),
        runtime.get(),
        readBoth(attrs, "intelligence", "from-intelligence").flatMap(Intelligence::normalize),
        nonEmpty(attrs, "ts"),
        nonEmpty(attrs, "topic"),
        Cdata.readElement(text, "attachments").map(EnvelopeCodec::splitPaths).orElse(List.of()),
        message);
  }

  /** The compact name when it holds a non-empty value, else the wire name's (02 §2.1 step 3). */
  private static Optional<String> readBoth(String attrs, String compact, String wire) {
    return nonEmpty(attrs, compact).or(() -> nonEmpty(attrs, wire));
  }

  private static Optional<String> nonEmpty(String attrs, String name) {
    return Attributes.lookup(attrs, name).filter(v -> !v.isEmpty());
  }

  private static List<String> splitPaths(String joined) {
    return Arrays.stream(joined.split("\n", -1))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .toList();
  }
}
