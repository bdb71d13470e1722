package io.iapeer.host.runtime;

import java.util.Optional;

/** Whether a peer's folder has a conversation to resume (03 §3.1 {@code resolveResume}). */
public sealed interface Resume {

  /** {@code ref} names the conversation where the runtime has one (claude's session uuid). */
  record Available(Optional<String> ref) implements Resume {}

  record Unavailable(String reason) implements Resume {}
}
