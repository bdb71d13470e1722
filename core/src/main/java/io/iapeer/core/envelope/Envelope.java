package io.iapeer.core.envelope;

import io.iapeer.core.peer.Intelligence;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded envelope (02 §2). Intelligence is absent when the sender's value is unknown, never
 * invented; {@code sentAt} and {@code topic} are absent when missing or empty.
 */
public record Envelope(
    String personality,
    String runtime,
    Optional<Intelligence> intelligence,
    Optional<String> sentAt,
    Optional<String> topic,
    List<String> attachments,
    String message) {
  public Envelope {
    Objects.requireNonNull(personality, "personality");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(intelligence, "intelligence");
    Objects.requireNonNull(sentAt, "sentAt");
    Objects.requireNonNull(topic, "topic");
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(message, "message");
  }
}
