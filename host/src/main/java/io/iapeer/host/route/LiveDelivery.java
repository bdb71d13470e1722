package io.iapeer.host.route;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.Typed;
import io.iapeer.host.session.Typist;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Typing one envelope into a live session (02 §10, 03 §7.1) under the identity's delivery lock
 * (06 D5): load-buffer → paste → submit → confirm never interleave with another sender's, in this
 * process or another. Different identities have different locks and type in parallel.
 */
final class LiveDelivery {
  /** The final typing step; {@link Typist#type} in production, a script in logic tests. */
  @FunctionalInterface
  interface Typer {
    Typed type(Identity id, RuntimeAdapter adapter, Path cwd, String text) throws InterruptedException;

    static Typer of(Typist typist) {
      return typist::type;
    }
  }

  private final Layout layout;
  private final SessionHost host;
  private final Adapters adapters;
  private final Typer typer;
  private final Duration lockWait;

  LiveDelivery(Layout layout, SessionHost host, Adapters adapters, Typer typer, Duration lockWait) {
    this.layout = layout;
    this.host = host;
    this.adapters = adapters;
    this.typer = typer;
    this.lockWait = lockWait;
  }

  /** Never throws for a session problem: that is {@link Typed.NotDelivered} with its reason. */
  Typed deliver(Identity target, Path cwd, String envelope) throws InterruptedException {
    Optional<RuntimeAdapter> adapter = adapters.find(target.runtime());
    if (adapter.isEmpty()) {
      return new Typed.NotDelivered("no delivery adapter for runtime \"" + target.runtime() + "\"; message NOT delivered");
    }
    String busy = "delivery to \"" + target.personality() + "\" (" + target.runtime() + ") waited "
        + lockWait.toSeconds() + "s for another delivery to finish; message NOT delivered — retry";
    FileLocks.Held lock;
    try {
      lock = FileLocks.acquire(layout.deliveryLock(target), lockWait, busy);
    } catch (IapException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException(e.getMessage());
      }
      return new Typed.NotDelivered(e.getMessage());
    }
    try (lock) {
      Typed typed = typer.type(target, adapter.get(), cwd, envelope);
      // A session that ended while this send waited for the lock fails in tmux's words; say it plainly.
      if (typed instanceof Typed.NotDelivered nd && !host.alive(target)) {
        return new Typed.NotDelivered("peer \"" + target.personality() + "\" (" + target.runtime()
            + ") went offline before the message could be typed (" + nd.reason() + "); message NOT delivered");
      }
      return typed;
    }
  }
}
