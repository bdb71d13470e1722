package io.iapeer.host.route;

import io.iapeer.core.registry.RegistrySnapshot;
import java.util.Optional;

/**
 * Bringing an asleep peer up with a message as its first input (02 §9.4): the facility the
 * lifecycle provides. The router only acts on the outcome; whether to start fresh or resume, and
 * every marker, belong to the implementation.
 *
 * <p>Contract: concurrent wakes of one identity run one after the other, and a wake that finds the
 * session already live returns READY with {@code taskDelivered=false}, so the router delivers that
 * sender's message live. While it types the first message, an implementation holds the identity's
 * delivery lock (06 D5), so nothing else is pasted into a session that is still booting.
 */
@FunctionalInterface
public interface Wake {
  Outcome wake(Request request);

  /**
   * @param runtime the runtime the sender named; empty = the peer's default
   * @param task the wire envelope, the woken session's first message
   * @param registry the registry as the router read it for this message
   */
  record Request(
      String personality, Optional<String> runtime, Optional<String> topic, String task, RegistrySnapshot registry) {}

  /**
   * @param ready READY, else FAILED
   * @param woke a session was started by this call
   * @param runtime the runtime woken (or found live); READY always has one
   * @param reason why it FAILED
   * @param stopped FAILED because the operator stopped the peer
   * @param taskDelivered empty = delivered; {@code false} = the task still has to go in live
   */
  record Outcome(
      boolean ready,
      boolean woke,
      Optional<String> runtime,
      Optional<String> reason,
      boolean stopped,
      Optional<Boolean> taskDelivered) {

    public static Outcome ready(String runtime, boolean woke, boolean taskDelivered) {
      return new Outcome(true, woke, Optional.of(runtime), Optional.empty(), false, Optional.of(taskDelivered));
    }

    public static Outcome failed(String reason) {
      return new Outcome(false, false, Optional.empty(), Optional.of(reason), false, Optional.empty());
    }

    public static Outcome stopped(String reason) {
      return new Outcome(false, false, Optional.empty(), Optional.of(reason), true, Optional.empty());
    }
  }
}
