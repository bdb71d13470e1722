package io.iapeer.host.lifecycle;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's tick (03 §9.6): a supervise pass, then the eager relaunches it asked for (§9.8), then
 * one task from every ephemeral queue (§9.11), in that order. Each step is safe while a wake or
 * another tick runs; one peer's failure never stops the others.
 */
public final class Supervisor {
  private final Lifecycle lc;
  private final SupervisePass pass;
  private final Waker waker;
  private final EphemeralQueue queue;

  Supervisor(Lifecycle lc, SupervisePass pass, Waker waker) {
    this.lc = lc;
    this.pass = pass;
    this.waker = waker;
    this.queue = lc.queue();
  }

  /** What one tick did. */
  public record Tick(List<SupervisePass.Outcome> outcomes, List<Waker.Result> relaunched, List<Drained> drained) {}

  /** One drain attempt: the item tried and how its wake ended. */
  public record Drained(Identity identity, String seq, Waker.Result result) {}

  public Tick runOnce() {
    List<SupervisePass.Outcome> outcomes = pass.run();
    List<Waker.Result> relaunched = new ArrayList<>();
    for (SupervisePass.Outcome o : outcomes) {
      if (o.action() == SupervisePass.Action.NEEDS_EAGER_FRESH) {
        guard(() -> relaunched.add(relaunch(o.identity())));
      }
    }
    List<Drained> drained = new ArrayList<>();
    for (Identity id : guarded(queue::queued).orElse(List.of())) {
      guard(() -> drain(id).ifPresent(drained::add));
    }
    return new Tick(outcomes, relaunched, drained);
  }

  /**
   * 03 §9.8: the mark goes first, so a relaunch that fails does not loop (the peer then wakes fresh
   * on its next message); no runtime, so a just-switched default takes effect.
   */
  private Waker.Result relaunch(Identity id) {
    lc.markers().clear(id, Flag.NEW_EAGER);
    return waker.wake(Waker.Request.fresh(id.personality(), Optional.empty(), ""));
  }

  /** 03 §9.11: one task per session; the item leaves the queue only once the session has it. */
  public Optional<Drained> drain(Identity id) {
    if (lc.managed().isManaged(id.personality()) || lc.sessions().host().alive(id)) {
      return Optional.empty();
    }
    Optional<EphemeralQueue.Item> head = queue.peek(id);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    EphemeralQueue.Item item = head.get();
    lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "ephemeral-drain").add("identity", id.address())
        .add("seq", item.seq()).add("depth", queue.depth(id)));
    Waker.Result r = waker.wake(Waker.Request.message(id.personality(), Optional.of(id.runtime()), item.topic(),
        item.task()));
    if (r.ready() && r.taskDelivered().orElse(true)) {
      queue.remove(id, item.seq());
    }
    return Optional.of(new Drained(id, item.seq(), r));
  }

  private void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      lc.reports().accept("supervise tick: " + e.getMessage());
    }
  }

  private <T> Optional<T> guarded(java.util.function.Supplier<T> s) {
    try {
      return Optional.of(s.get());
    } catch (RuntimeException e) {
      lc.reports().accept("supervise tick: " + e.getMessage());
      return Optional.empty();
    }
  }
}
