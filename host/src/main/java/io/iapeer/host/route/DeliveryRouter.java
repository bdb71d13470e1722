package io.iapeer.host.route;

import io.iapeer.core.envelope.EnvelopeCodec;
import io.iapeer.core.envelope.EnvelopeInput;
import io.iapeer.core.envelope.Timestamps;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.ParsedFiles;
import io.iapeer.core.storage.PeerPaths;
import io.iapeer.host.lifecycle.EphemeralQueue;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.ManagedPeers;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.Typed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Route-and-deliver (02 §9): validate, look the target up in a fresh read of the registry, guard
 * the telegram channel, build the envelope once, then type it into the live session, hold it
 * while an operator types there, or wake the peer with it — and answer what was observed, never
 * more (06 D2). Safe to call from many threads at once: deliveries into one identity are
 * serialized by its delivery lock (06 D5), different identities proceed in parallel, and nothing
 * here pins a carrier thread, so the daemon calls it from a virtual thread per request.
 */
public final class DeliveryRouter implements Router, AutoCloseable {
  /** The foundation peer composer-queue failure notices come from (02 §9.8). */
  static final String FOUNDATION = "iapeer";

  static final String SELF = "cannot send to self";

  /** Which facilities one routing pass may use. */
  private record Mode(boolean composer, boolean wake) {
    static final Mode SEND = new Mode(true, true);
    /** A failure notice: no composer queue, no wake, so shutdown is never stalled (02 §9.8 [L]). */
    static final Mode NOTICE = new Mode(false, false);
  }

  private final Registry registry;
  private final Sessions sessions;
  private final LiveDelivery live;
  private final Optional<Wake> wake;
  private final Optional<ComposerQueue> composer;
  private final DeliveryHooks hooks;
  private final Optional<DeliveryLog> log;
  private final EphemeralQueue ephemeral;
  private final Consumer<Identity> drainKick;
  private final Clock clock;
  private final ZoneId zone;
  /** Asked of every target, so parsed again only when its profile changed. */
  private final ParsedFiles<Boolean> ephemeralFlags = new ParsedFiles<>(flag -> true);

  private DeliveryRouter(Builder b) {
    this.registry = new Registry(b.layout, b.warnings);
    this.sessions = b.sessions;
    this.live = new LiveDelivery(b.layout, b.sessions.host(), b.sessions.adapters(),
        b.typer.orElse(LiveDelivery.Typer.of(b.sessions.typist())), b.deliveryLockWait);
    this.wake = b.wake;
    this.hooks = b.hooks;
    this.log = b.log;
    this.ephemeral = new EphemeralQueue(b.layout, b.warnings);
    this.drainKick = b.drainKick;
    this.clock = b.clock;
    this.zone = b.zone;
    this.composer = b.composerQueue
        ? Optional.of(new ComposerQueue(
            b.sessions.host(), b.sessions.adapters(), b.composerTimeout, b.composerPoll, b.pause, new Drain()))
        : Optional.empty();
  }

  /**
   * The daemon's router: composer queue, the lifecycle's wake and hooks and delivery.log, all from
   * one layout and its settings; {@code drainKick} starts draining an ephemeral queue a task joined.
   */
  public static DeliveryRouter forDaemon(Layout layout, Settings settings, Consumer<Identity> drainKick) {
    return builder(layout, Sessions.forDaemon(layout, settings)).settings(settings).standardFacilities(settings)
        .drainKick(drainKick).build();
  }

  /**
   * The in-process router of {@code iapeer send} when no daemon answers (02 §12): the same routing,
   * but no composer queue — nothing would be left running to drain it — and no drain kick: an
   * ephemeral task waits for the daemon's tick.
   */
  public static DeliveryRouter inProcess(Layout layout, Settings settings) {
    return builder(layout, Sessions.of(layout, settings)).settings(settings).standardFacilities(settings)
        .composerQueue(false).build();
  }

  public static Builder builder(Layout layout, Sessions sessions) {
    return new Builder(layout, sessions);
  }

  /** {@link #send(Caller, SendRequest, RegistrySnapshot)} with a registry read here. */
  public RouteResult send(Caller caller, SendRequest req) {
    return send(caller, req, Optional.empty());
  }

  @Override
  public RouteResult send(Caller caller, SendRequest req, RegistrySnapshot registry) {
    return send(caller, req, Optional.of(registry));
  }

  private RouteResult send(Caller caller, SendRequest req, Optional<RegistrySnapshot> read) {
    long start = System.nanoTime();
    RouteResult result = routeGuarded(caller, req, Mode.SEND, read);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    log.ifPresent(l -> l.delivery(caller, req, result, ms));
    if (result instanceof RouteResult.Accepted a
        && !a.queue().map(q -> q.by().equals(RouteResult.Queued.COMPOSER)).orElse(false)) {
      guard(() -> hooks.onDelivered(caller));
    }
    return result;
  }

  /**
   * Fails every message still held in the composer queue with the shutdown reason, telling each
   * sender (02 §8.7 step 1), and returns once they are told. Later sends that would be held are
   * refused. Call it once, before the listeners close.
   */
  @Override
  public void close() {
    composer.ifPresent(q -> q.failAll(ComposerQueue.SHUTDOWN));
  }

  /**
   * An accepted result's {@code ts} as the sender sees it: the same local ISO-8601 string with
   * offset that the envelope carries (02 §6, 06 D16).
   */
  public String formatTs(Instant ts) {
    return Timestamps.formatSentAt(ts, zone);
  }

  /** The composer queue's length for {@code target}, the message being typed included. */
  public int composerDepth(Identity target) {
    return composer.map(q -> q.depth(target)).orElse(0);
  }

  /** @param read the registry as this request already read it; empty = read it now */
  private RouteResult routeGuarded(Caller caller, SendRequest req, Mode mode, Optional<RegistrySnapshot> read) {
    try {
      return route(caller, req, mode, read);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RouteResult.Refused("delivery to \"" + req.personality() + "\" interrupted; message NOT delivered");
    } catch (RuntimeException e) {
      // e.g. an unreadable registry: the sender sees what went wrong, never a stack trace
      return new RouteResult.Refused(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private RouteResult route(Caller caller, SendRequest req, Mode mode, Optional<RegistrySnapshot> read)
      throws InterruptedException {
    // The acceptance instant, to the second: the envelope's ts and the result's are the same (06 D16).
    Instant ts = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Optional<String> invalid = Validation.check(req);
    if (invalid.isPresent()) {
      return refused(invalid.get());
    }
    String x = req.personality();
    RegistrySnapshot snapshot = read.orElseGet(registry::read);
    Optional<PeerRecord> found = snapshot.find(x);
    if (found.isEmpty()) {
      return refused(Validation.notInIndex(x));
    }
    PeerRecord target = found.get();
    // Before any wake: a wake delivers the envelope itself (02 §9.1 step 3).
    String intended = req.runtime().orElse(target.runtime());
    if (!TelegramGuard.allows(intended, caller.record())) {
      return refused(TelegramGuard.refusal(caller.personality(), x));
    }
    Optional<String> missing = Validation.attachmentFiles(req.attachments());
    if (missing.isPresent()) {
      return refused(missing.get());
    }
    String envelope = EnvelopeCodec.encode(new EnvelopeInput(
        caller.personality(),
        caller.runtime(),
        caller.intelligence().wire(),
        Optional.of(Timestamps.formatSentAt(ts, zone)),
        req.topic(),
        req.attachments(),
        req.message()));
    if (ephemeral(target)) {
      return caller.personality().equals(x) ? refused(SELF) : enqueued(target, req, envelope, ts, mode);
    }
    Path cwd = Path.of(target.cwd());
    Targets.Resolved resolved = Targets.resolve(sessions.host(), target, req.runtime());
    if (resolved instanceof Targets.Live hit) {
      return liveHit(caller, req, hit, cwd, envelope, ts, mode);
    }
    String offline = ((Targets.Offline) resolved).error();
    if (!mode.wake() || wake.isEmpty()) {
      return refused(offline);
    }
    return woken(caller, req, target, snapshot, envelope, ts, mode);
  }

  /**
   * 02 §9.5: a stateless worker's task never goes into a live session; it joins the worker's durable
   * FIFO, which the lifecycle drains one fresh session per task. The drain is kicked, not awaited.
   */
  private RouteResult enqueued(PeerRecord target, SendRequest req, String envelope, Instant ts, Mode mode) {
    String x = target.personality();
    String rt = req.runtime().orElse(target.runtime());
    if (!target.runtimes().contains(rt)) {
      return refused("runtime \"" + rt + "\" is not declared for \"" + x + "\"");
    }
    if (!mode.wake()) {
      // a failure notice wakes nobody, and a worker's next session would take it for a task
      return refused("peer \"" + x + "\" is an ephemeral worker; a notice is not queued as a task");
    }
    Identity id = new Identity(rt, x);
    int depth;
    try {
      depth = ephemeral.enqueue(id, envelope, req.topic());
    } catch (RuntimeException e) {
      return refused("ephemeral enqueue failed for \"" + x + "\": " + e.getMessage() + "; message NOT queued");
    }
    guard(() -> drainKick.accept(id));
    return new RouteResult.Accepted(id, false, ts, Optional.of(new RouteResult.Queued(RouteResult.Queued.EPHEMERAL,
        depth)));
  }

  /** 02 §9.1 step 7. */
  private RouteResult liveHit(
      Caller caller, SendRequest req, Targets.Live hit, Path cwd, String envelope, Instant ts, Mode mode)
      throws InterruptedException {
    Identity id = hit.id();
    if (id.equals(caller.address())) {
      return refused(SELF);
    }
    if (!TelegramGuard.allows(id.runtime(), caller.record())) {
      return refused(TelegramGuard.refusal(caller.personality(), id.personality()));
    }
    if (mode.composer() && composer.isPresent()) {
      Optional<RouteResult> held = composer.get().offer(caller, id, hit.attached(), cwd, envelope, req.topic(), ts);
      if (held.isPresent()) {
        return held.get();
      }
    }
    return typed(id, cwd, envelope, req.topic(), ts);
  }

  /** 02 §9.1 step 8 and §9.4. */
  private RouteResult woken(Caller caller, SendRequest req, PeerRecord target, RegistrySnapshot snapshot,
      String envelope, Instant ts, Mode mode) throws InterruptedException {
    String x = target.personality();
    Wake.Outcome out = wake.get().wake(new Wake.Request(x, req.runtime(), req.topic(), envelope, snapshot));
    if (!out.ready()) {
      if (out.stopped()) {
        return refused(out.reason().orElse("peer \"" + x + "\" is stopped and not accepting messages"));
      }
      return refused("peer \"" + x + "\" offline and wake failed: " + out.reason().orElse("unknown"));
    }
    // Verify before acting: the session the wake reports must be live now.
    Optional<String> rt = out.runtime().or(req::runtime);
    Targets.Resolved again = Targets.resolve(sessions.host(), target, rt);
    if (!(again instanceof Targets.Live live)) {
      return refused("woke \"" + x + "\" but the session is not live (verify-before-act): "
          + ((Targets.Offline) again).error());
    }
    Identity id = live.id();
    if (id.equals(caller.address())) {
      return refused(SELF);
    }
    if (!TelegramGuard.allows(id.runtime(), caller.record())) {
      return refused(TelegramGuard.refusal(caller.personality(), x));
    }
    if (out.taskDelivered().orElse(true)) {
      // the envelope was the session's first message; no topic note for a boot message (02 §9.7)
      return new RouteResult.Accepted(id, true, ts, Optional.empty());
    }
    // Another sender's wake won: this message goes the live path (02 §9.4).
    return liveHit(caller, req, live, Path.of(target.cwd()), envelope, ts, mode);
  }

  /** Types into the live session and answers the rung observed (06 D2). */
  private RouteResult typed(Identity id, Path cwd, String envelope, Optional<String> topic, Instant ts)
      throws InterruptedException {
    Typed t = live.deliver(id, cwd, envelope);
    if (t instanceof Typed.NotDelivered nd) {
      return refused(nd.reason());
    }
    afterLive(id, topic);
    Optional<RouteResult.Queued> queued = t instanceof Typed.Queued
        ? Optional.of(new RouteResult.Queued(RouteResult.Queued.SESSION, 1))
        : Optional.empty();
    return new RouteResult.Accepted(id, false, ts, queued);
  }

  /** The hooks of a confirmed live delivery (02 §9.7). */
  private void afterLive(Identity id, Optional<String> topic) {
    topic.map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t -> guard(() -> hooks.topicNote(id, t)));
    guard(() -> hooks.delivered(id));
  }

  /** A profile that cannot be read is not ephemeral (03 §9.4). */
  private boolean ephemeral(PeerRecord target) {
    Path cwd = Path.of(target.cwd());
    Path file = new PeerPaths(cwd).profile();
    try {
      return ephemeralFlags.read(file, text -> ProfileReader.parse(cwd, ProfileReader.parseRaw(file, text)).ephemeral());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static RouteResult refused(String text) {
    return new RouteResult.Refused(text);
  }

  private static void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // hooks and logs never alter an outcome (02 §13)
    }
  }

  /** The composer queue's side of the router. */
  private final class Drain implements ComposerQueue.Drain {
    @Override
    public Typed deliver(Identity target, Path cwd, String envelope) throws InterruptedException {
      return live.deliver(target, cwd, envelope);
    }

    @Override
    public void delivered(ComposerQueue.Job job) {
      afterLive(job.target, job.topic);
      guard(() -> hooks.onDelivered(job.caller));
    }

    @Override
    public void failed(ComposerQueue.Job job, String reason) {
      notifyFailure(job, reason);
    }
  }

  /**
   * Tells a queued sender its message will not land (02 §9.8): a new IAP message from the
   * foundation peer, routed without the composer queue and without a wake.
   */
  private void notifyFailure(ComposerQueue.Job job, String reason) {
    Caller sender = job.caller;
    Optional<String> topic = job.topic.map(String::strip).filter(t -> !t.isEmpty());
    String noticeTopic = topic.orElse("delivery-failed");
    String body = "delivery failed: queued message to " + job.target.personality() + " (" + job.target.runtime() + ")"
        + topic.map(t -> " topic=\"" + t + "\"").orElse("") + " was not delivered.\n"
        + "reason: " + reason + "\n"
        + "The original send was accepted as queued because a human operator was typing in the target composer;"
        + " retry if still needed.";
    RegistrySnapshot snapshot;
    Optional<PeerRecord> foundation;
    try {
      snapshot = registry.read();
      foundation = snapshot.find(FOUNDATION);
    } catch (RuntimeException e) {
      log.ifPresent(l -> l.notifySkipped(FOUNDATION, sender.personality(), sender.runtime(), Optional.of(noticeTopic),
          false, String.valueOf(e.getMessage())));
      return;
    }
    if (foundation.isEmpty()) {
      log.ifPresent(l -> l.notifySkipped(FOUNDATION, sender.personality(), sender.runtime(), Optional.of(noticeTopic),
          false, "foundation peer \"" + FOUNDATION + "\" is not registered; cannot notify queued sender"));
      return;
    }
    Caller from;
    try {
      from = Caller.resolve(FOUNDATION, foundation.get().runtime(), snapshot);
    } catch (RuntimeException e) {
      log.ifPresent(l -> l.notifySkipped(FOUNDATION, sender.personality(), sender.runtime(), Optional.of(noticeTopic),
          false, String.valueOf(e.getMessage())));
      return;
    }
    if (from.address().equals(sender.address())) {
      log.ifPresent(l -> l.notifySkipped(from.address().address(), sender.personality(), sender.runtime(),
          Optional.of(noticeTopic), true, "skipped self-notify (queued sender is the foundation peer itself)"));
      return;
    }
    SendRequest notice = new SendRequest(
        sender.personality(), Optional.of(sender.runtime()), body, Optional.of(noticeTopic), List.of(), "notice");
    RouteResult r = routeGuarded(from, notice, Mode.NOTICE, Optional.of(snapshot));
    log.ifPresent(l -> l.failedNotify(from.address().address(), sender.personality(), sender.runtime(),
        Optional.of(noticeTopic), r));
  }

  /** Everything a router is made of; the factories above fill it from the settings. */
  public static final class Builder {
    private final Layout layout;
    private final Sessions sessions;
    private Consumer<String> warnings = w -> {};
    private Optional<Wake> wake = Optional.empty();
    private DeliveryHooks hooks = DeliveryHooks.NONE;
    private Optional<DeliveryLog> log = Optional.empty();
    private Consumer<Identity> drainKick = id -> {};
    private boolean composerQueue = true;
    private Duration composerTimeout = Duration.ofMinutes(2);
    private Duration composerPoll = Duration.ofMillis(500);
    private Duration deliveryLockWait = Duration.ofMinutes(6);
    private Launcher.Pause pause = d -> Thread.sleep(d);
    private Optional<LiveDelivery.Typer> typer = Optional.empty();
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneId.systemDefault();

    private Builder(Layout layout, Sessions sessions) {
      this.layout = layout;
      this.sessions = sessions;
    }

    /**
     * The composer-queue knobs and the delivery-lock wait from {@code settings}. A delivery may
     * wait behind a wake that holds the lock for a whole launch: boot deadline plus ready gate.
     */
    public Builder settings(Settings settings) {
      composerTimeout = settings.composerQueueTimeout();
      composerPoll = settings.composerQueuePoll();
      deliveryLockWait = settings.bootDeadline().plus(settings.readyGate());
      return this;
    }

    /** The lifecycle's wake and hooks on these sessions, and delivery.log under the layout's log dir. */
    public Builder standardFacilities(Settings settings) {
      Lifecycle lifecycle =
          Lifecycle.of(layout, settings, sessions, clock, ManagedPeers.of(layout, settings), warnings);
      wake = Optional.of(lifecycle.waker());
      hooks = new LifecycleHooks(lifecycle);
      log = Optional.of(new DeliveryLog(layout.deliveryLog(), settings.deliveryLogMaxBytes(),
          settings.deliveryLogKeep(), clock));
      return this;
    }

    /** Receives the registry reader's one-line notes (a newer file version). */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = warnings;
      return this;
    }

    /** Without one, a peer that is not live is {@code peer offline} (02 §9.1 step 8a). */
    public Builder wake(Wake wake) {
      this.wake = Optional.ofNullable(wake);
      return this;
    }

    /** Called with the worker whose ephemeral queue a task just joined. */
    public Builder drainKick(Consumer<Identity> drainKick) {
      this.drainKick = drainKick;
      return this;
    }

    public Builder hooks(DeliveryHooks hooks) {
      this.hooks = hooks;
      return this;
    }

    public Builder log(DeliveryLog log) {
      this.log = Optional.ofNullable(log);
      return this;
    }

    public Builder composerQueue(boolean on) {
      this.composerQueue = on;
      return this;
    }

    public Builder composerTimings(Duration timeout, Duration poll) {
      this.composerTimeout = timeout;
      this.composerPoll = poll;
      return this;
    }

    public Builder deliveryLockWait(Duration wait) {
      this.deliveryLockWait = wait;
      return this;
    }

    /** The composer queue's wait between looks at an operator's composer. */
    public Builder pause(Launcher.Pause pause) {
      this.pause = pause;
      return this;
    }

    /** Replaces the sessions' typist: logic tests script what typing achieved. */
    Builder typer(LiveDelivery.Typer typer) {
      this.typer = Optional.of(typer);
      return this;
    }

    public Builder clock(Clock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
      return this;
    }

    public DeliveryRouter build() {
      return new DeliveryRouter(this);
    }
  }
}
