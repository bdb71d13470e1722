package io.iapeer.host.route;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Names;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.lifecycle.Markers;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.SessionHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The wake this build has until the lifecycle brings its own (03 §9.2 in part): always a plain
 * fresh launch with the message as the first input — no system prompt, no resume, no markers
 * beyond the stop flag — of an agent runtime; router runtimes are left to their service manager.
 * What it keeps of the contract: the stop refusal, one wake at a time per
 * identity (03 §9.3), the live fast path that hands the message back to the router
 * ({@code taskDelivered=false}), and the delivery lock held while the first message is typed.
 */
public final class LaunchWake implements Wake {
  /** 03 §9.3: about 25 s of retries before a second waker gives up. */
  public static final Duration LOCK_WAIT = Duration.ofSeconds(25);

  private final Layout layout;
  private final Registry registry;
  private final Adapters adapters;
  private final SessionHost host;
  private final Launcher launcher;
  private final Duration lockWait;
  private final Duration deliveryLockWait;

  /**
   * @param lockWait how long a wake waits for another wake of the same identity
   * @param deliveryLockWait how long it waits for a delivery into the session to finish
   */
  public LaunchWake(
      Layout layout,
      Registry registry,
      Adapters adapters,
      SessionHost host,
      Launcher launcher,
      Duration lockWait,
      Duration deliveryLockWait) {
    this.layout = layout;
    this.registry = registry;
    this.adapters = adapters;
    this.host = host;
    this.launcher = launcher;
    this.lockWait = lockWait;
    this.deliveryLockWait = deliveryLockWait;
  }

  @Override
  public Outcome wake(Request req) {
    String p = req.personality();
    Optional<PeerRecord> found = registry.read().find(p);
    if (found.isEmpty()) {
      return Outcome.failed("unknown peer \"" + p + "\"");
    }
    PeerRecord record = found.get();
    String rt = req.runtime().orElse(record.runtime());
    if (!Names.isRuntime(rt)) {
      return Outcome.failed("invalid runtime \"" + rt + "\"");
    }
    if (!record.runtimes().contains(rt)) {
      return Outcome.failed("runtime \"" + rt + "\" is not declared for \"" + p + "\"");
    }
    Optional<RuntimeAdapter> adapter = adapters.find(rt);
    if (adapter.isEmpty()) {
      return Outcome.failed("no launch adapter for runtime \"" + rt + "\"");
    }
    if (adapter.get().kind() == RuntimeAdapter.Kind.ROUTER) {
      // Routers are always-on services: their service manager restarts them, never a message (06 D3).
      return Outcome.failed("\"" + p + "\" (" + rt + ") is a router runtime kept up by its service manager;"
          + " the daemon does not wake it");
    }
    Identity id = new Identity(rt, p);
    Markers markers = new Markers(layout);
    if (markers.stopped(id)) {
      return stopped(id);
    }
    String busy = "\"" + p + "\" (" + rt + ") wake already in progress (another wake holds the lock) — retry shortly";
    try (FileLocks.Held wakeLock = FileLocks.acquire(layout.wakeLock(id), lockWait, busy)) {
      if (markers.stopped(id)) {
        return stopped(id);
      }
      if (host.alive(id)) {
        // a concurrent wake won; this sender's message goes in live (03 §9.2 step 9)
        return Outcome.ready(rt, false, false);
      }
      Path cwd = Path.of(record.cwd());
      if (!Files.isDirectory(cwd)) {
        return Outcome.failed("peer cwd does not exist: " + cwd);
      }
      String typing = "\"" + p + "\" (" + rt + ") is being typed into by another delivery — retry shortly";
      try (FileLocks.Held deliveryLock = FileLocks.acquire(layout.deliveryLock(id), deliveryLockWait, typing)) {
        LaunchSpec spec = new LaunchSpec(id, cwd, Optional.empty(), false, List.of(), Optional.of(record.intelligence()));
        LaunchResult r = launcher.launch(spec, adapter.get(), req.task());
        if (r instanceof LaunchResult.Failed f) {
          return Outcome.failed(f.reason());
        }
        return Outcome.ready(rt, true, true);
      }
    } catch (IapException e) {
      return Outcome.failed(e.getMessage());
    }
  }

  private static Outcome stopped(Identity id) {
    return Outcome.stopped("\"" + id.personality() + "\" (" + id.runtime()
        + ") is stopped and not accepting messages; start it to resume");
  }
}
