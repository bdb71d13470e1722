package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;

/**
 * What the lifecycle learns from deliveries (02 §9.7). Best-effort: the router calls each inside a
 * guard, so a throwing hook never changes a result.
 */
public interface DeliveryHooks {
  DeliveryHooks NONE = new DeliveryHooks() {};

  /** After a confirmed live delivery carrying a non-blank topic; never for a boot first message. */
  default void topicNote(Identity target, String topic) {}

  /** After every ok result except a composer-queued ack (there: after the drain delivered it). */
  default void onDelivered(Caller caller) {}

  /** After a confirmed live delivery, so the idle reaper leaves a session that just got one. */
  default void delivered(Identity target) {}
}
