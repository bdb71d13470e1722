package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.Typed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composer queue (02 §9.8): a message is never pasted into a TUI composer where an attached
 * operator is typing. It is held in memory per identity and typed by one drainer per identity, in
 * strict FIFO order, once the operator's text is gone (or after the force timeout); each job is
 * delivered or failed exactly once, and every failure reaches its sender (02 §13).
 */
final class ComposerQueue {
  static final String SHUTDOWN = "daemon shutting down/restarting before queued delivery completed";

  /** What the router does for the queue: type, and report the outcome. */
  interface Drain {
    Typed deliver(Identity target, Path cwd, String envelope) throws InterruptedException;

    /** The job landed: hooks. */
    void delivered(Job job);

    /** The job will never land: tell its sender. */
    void failed(Job job, String reason);
  }

  /** One accepted message; {@link #settle} makes sure exactly one party finishes it. */
  static final class Job {
    final Caller caller;
    final Identity target;
    final Path cwd;
    final String envelope;
    final Optional<String> topic;
    final String token;
    final long since = System.nanoTime();
    private final AtomicBoolean settled = new AtomicBoolean();

    Job(Caller caller, Identity target, Path cwd, String envelope, Optional<String> topic, String token) {
      this.caller = caller;
      this.target = target;
      this.cwd = cwd;
      this.envelope = envelope;
      this.topic = topic;
      this.token = token;
    }

    boolean settle() {
      return settled.compareAndSet(false, true);
    }
  }

  private static final class Lane {
    final Deque<Job> jobs = new ArrayDeque<>();
    boolean draining;
  }

  private final SessionHost host;
  private final Adapters adapters;
  private final Duration timeout;
  private final Duration poll;
  private final Launcher.Pause pause;
  private final Drain drain;
  private final ConcurrentHashMap<Identity, Lane> lanes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ComposerQueue(
      SessionHost host, Adapters adapters, Duration timeout, Duration poll, Launcher.Pause pause, Drain drain) {
    this.host = host;
    this.adapters = adapters;
    this.timeout = timeout;
    this.poll = poll;
    this.pause = pause;
    this.drain = drain;
  }

  /**
   * Empty when the message should be typed now; else the queued ack or a refusal. A target that
   * still has queued messages takes every new one into the queue too, so nothing overtakes them.
   * {@code attached} is what the router saw when it found the session live, in the same tmux call.
   */
  Optional<RouteResult> offer(
      Caller caller, Identity target, boolean attached, Path cwd, String envelope, Optional<String> topic, Instant ts) {
    Optional<RuntimeAdapter> adapter = adapters.find(target.runtime());
    if (adapter.isEmpty() || adapter.get().kind() != RuntimeAdapter.Kind.TUI) {
      return Optional.empty();
    }
    if (depth(target) == 0 && !(attached && humanText(target, adapter.get()))) {
      return Optional.empty();
    }
    if (closed) {
      return refuse("composer delivery queue is closing; message NOT queued");
    }
    Optional<String> token = host.sessionToken(target);
    if (token.isEmpty()) {
      return refuse("composer queue could not identify the live tmux session for \"" + target.personality()
          + "\" (" + target.runtime() + "); message NOT queued");
    }
    Job job = new Job(caller, target, cwd, envelope, topic, token.get());
    Lane lane = lanes.computeIfAbsent(target, k -> new Lane());
    int depth;
    boolean start;
    synchronized (lane) {
      if (closed) {
        return refuse("composer delivery queue is closing; message NOT queued");
      }
      lane.jobs.add(job);
      depth = lane.jobs.size();
      start = !lane.draining;
      lane.draining = true;
    }
    if (start) {
      Thread.ofVirtual().name("composer-drain-" + target.address()).start(() -> drain(lane));
    }
    return Optional.of(new RouteResult.Accepted(
        target, false, ts, Optional.of(new RouteResult.Queued(RouteResult.Queued.COMPOSER, depth))));
  }

  /** Jobs waiting for {@code target}, the one being typed included. */
  int depth(Identity target) {
    Lane lane = lanes.get(target);
    if (lane == null) {
      return 0;
    }
    synchronized (lane) {
      return lane.jobs.size();
    }
  }

  /** Closes the queue and fails every job not yet being typed with {@code reason}; returns when all are told. */
  void failAll(String reason) {
    closed = true;
    List<Job> taken = new ArrayList<>();
    for (Lane lane : lanes.values()) {
      synchronized (lane) {
        for (Job j : lane.jobs) {
          if (j.settle()) {
            taken.add(j);
          }
        }
        lane.jobs.clear();
      }
    }
    List<Thread> notices = new ArrayList<>();
    for (Job j : taken) {
      notices.add(Thread.ofVirtual().start(() -> fail(j, reason)));
    }
    for (Thread t : notices) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drain(Lane lane) {
    while (true) {
      Job head;
      synchronized (lane) {
        head = lane.jobs.peek();
        if (head == null) {
          lane.draining = false;
          return;
        }
      }
      try {
        step(lane, head);
      } catch (InterruptedException e) {
        if (head.settle()) {
          fail(head, failure(head, "delivery interrupted"));
        }
        remove(lane, head);
        Thread.currentThread().interrupt();
        synchronized (lane) {
          lane.draining = false;
        }
        return;
      } catch (RuntimeException e) {
        // a failure of one job never strands the ones behind it
        if (head.settle()) {
          fail(head, failure(head, String.valueOf(e.getMessage())));
        }
        remove(lane, head);
      }
    }
  }

  /** One look at the head job (02 §9.8 drain steps 1–3). */
  private void step(Lane lane, Job head) throws InterruptedException {
    if (!host.sessionToken(head.target).equals(Optional.of(head.token))) {
      remove(lane, head);
      if (head.settle()) {
        fail(head, failure(head, "target session vanished or was replaced before delivery"));
      }
      return;
    }
    RuntimeAdapter adapter = adapters.of(head.target.runtime());
    boolean young = System.nanoTime() - head.since < timeout.toNanos();
    if (young && humanText(head.target, adapter)) {
      pause.sleep(poll);
      return;
    }
    if (!head.settle()) {
      remove(lane, head); // failAll took it
      return;
    }
    Typed typed;
    try {
      typed = drain.deliver(head.target, head.cwd, head.envelope);
    } catch (RuntimeException e) {
      typed = new Typed.NotDelivered(String.valueOf(e.getMessage()));
    } catch (InterruptedException e) {
      fail(head, failure(head, "delivery interrupted"));
      throw e;
    } finally {
      remove(lane, head);
    }
    if (typed instanceof Typed.NotDelivered nd) {
      fail(head, failure(head, nd.reason()));
    } else {
      guard(() -> drain.delivered(head));
    }
  }

  private void remove(Lane lane, Job job) {
    synchronized (lane) {
      lane.jobs.remove(job);
    }
  }

  private void fail(Job job, String reason) {
    guard(() -> drain.failed(job, reason));
  }

  private static String failure(Job job, String error) {
    return "queued delivery to " + job.target.personality() + " (" + job.target.runtime() + ") failed: " + error;
  }

  /** A capture that fails counts as human text: better a bounded hold than typing into someone's input. */
  private boolean humanText(Identity target, RuntimeAdapter adapter) {
    try {
      return HumanText.present(host.captureStyled(target), adapter.promptGlyphs(), adapter.ghostTextSgr());
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static Optional<RouteResult> refuse(String text) {
    return Optional.of(new RouteResult.Refused(text));
  }

  private static void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // notices and hooks are best-effort (02 §13)
    }
  }
}
