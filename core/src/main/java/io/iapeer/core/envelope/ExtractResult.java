package io.iapeer.core.envelope;

import java.util.List;
import java.util.Objects;

/**
 * One extraction step (02 §3): the complete envelopes found, in stream order, and the text the
 * caller must prepend to its next chunk.
 */
public record ExtractResult(List<String> envelopes, String rest) {
  public ExtractResult {
    envelopes = List.copyOf(envelopes);
    Objects.requireNonNull(rest, "rest");
  }
}
