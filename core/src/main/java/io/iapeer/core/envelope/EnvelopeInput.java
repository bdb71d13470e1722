package io.iapeer.core.envelope;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the encoder needs for one envelope (02 §1.6, §5). Values are taken as given: name and limit
 * checks happen upstream (02 §7.7), the encoder only trims and cuts the topic.
 *
 * @param intelligence the wire value ({@code artificial}, {@code natural} or {@code absent})
 * @param sentAt the local ISO-8601 send instant of {@link Timestamps#formatSentAt} [L]
 */
public record EnvelopeInput(
    String personality,
    String runtime,
    String intelligence,
    Optional<String> sentAt,
    Optional<String> topic,
    List<String> attachments,
    String message) {
  public EnvelopeInput {
    Objects.requireNonNull(personality, "personality");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(intelligence, "intelligence");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(topic, "topic");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(message, "message");
  }
}
