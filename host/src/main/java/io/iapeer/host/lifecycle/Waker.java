package io.iapeer.host.lifecycle;

import io.iapeer.core.IapException;
import io.iapeer.core.log.LogLine;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.host.prompt.HostFacts;
import io.iapeer.host.prompt.SystemPrompt;
import io.iapeer.host.route.Wake;
import io.iapeer.host.runtime.LaunchSpec;
import io.iapeer.host.runtime.RuntimeAdapter;
import io.iapeer.host.session.LaunchResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The wake (03 §9.2): bring a registered peer up in one runtime and deliver its first message,
 * deciding fresh or resume from the markers. Every refusal and decision is one {@code ev=wake}
 * line in lifecycle.log. Safe from many threads and processes at once: the wake lock runs the wakes
 * of one identity one after the other, and a wake that finds the session live returns READY with
 * {@code taskDelivered=false} so its caller delivers live. The router's message wakes come in
 * through {@link Wake}; operator verbs ask for fresh or resumed sessions with a {@link Request}.
 */
public final class Waker implements Wake {
  private final Lifecycle lc;
  private final Consumer<String> prelude;

  /** @param prelude the supervise pass of a peer, run before its wake; its failures never affect the wake */
  Waker(Lifecycle lc, Consumer<String> prelude) {
    this.lc = lc;
    this.prelude = prelude;
  }

  /**
   * @param runtime empty = the peer's default runtime
   * @param task the first message (the wire envelope for a message wake); may be empty
   * @param replaceLive {@code new}: end a live session (no death recorded) inside the wake lock
   * @param extraArgs the caller's extra arguments for the runtime (folder launch)
   * @param registry the registry as the caller read it just now; empty = read it here
   */
  public record Request(
      String personality,
      Optional<String> runtime,
      Optional<String> topic,
      String task,
      WakeMode mode,
      boolean replaceLive,
      List<String> extraArgs,
      Optional<RegistrySnapshot> registry) {

    public Request {
      extraArgs = List.copyOf(extraArgs);
    }

    public static Request message(String personality, Optional<String> runtime, Optional<String> topic, String task) {
      return new Request(personality, runtime, topic, task, WakeMode.MESSAGE, false, List.of(), Optional.empty());
    }

    public static Request fresh(String personality, Optional<String> runtime, String task) {
      return new Request(personality, runtime, Optional.empty(), task, WakeMode.FRESH, false, List.of(),
          Optional.empty());
    }

    public static Request resume(String personality, String runtime) {
      return new Request(personality, Optional.of(runtime), Optional.empty(), "", WakeMode.RESUME, false, List.of(),
          Optional.empty());
    }

    public Request withExtraArgs(List<String> args) {
      return new Request(personality, runtime, topic, task, mode, replaceLive, args, registry);
    }

    public Request replacingLive() {
      return new Request(personality, runtime, topic, task, mode, true, extraArgs, registry);
    }

    public Request readFrom(RegistrySnapshot snapshot) {
      return new Request(personality, runtime, topic, task, mode, replaceLive, extraArgs, Optional.of(snapshot));
    }
  }

  /**
   * @param woke this call started the session
   * @param identity the session woken or found live; READY always has one
   * @param stopped FAILED because the operator stopped the peer
   * @param taskDelivered empty when FAILED; {@code false} = the task still has to go in live
   */
  public record Result(
      boolean ready,
      boolean woke,
      Optional<Identity> identity,
      Optional<String> reason,
      boolean stopped,
      Optional<Boolean> taskDelivered) {

    static Result ready(Identity id, boolean woke, boolean taskDelivered) {
      return new Result(true, woke, Optional.of(id), Optional.empty(), false, Optional.of(taskDelivered));
    }

    static Result failed(String reason) {
      return new Result(false, false, Optional.empty(), Optional.of(reason), false, Optional.empty());
    }

    static Result failed(Identity id, String reason) {
      return new Result(false, false, Optional.of(id), Optional.of(reason), false, Optional.empty());
    }

    public Optional<String> runtime() {
      return identity.map(Identity::runtime);
    }
  }

  /** A message wake from the router (02 §9.4). */
  @Override
  public Outcome wake(Wake.Request req) {
    Result r = wake(Request.message(req.personality(), req.runtime(), req.topic(), req.task()).readFrom(req.registry()));
    if (r.ready()) {
      return Outcome.ready(r.runtime().orElseThrow(), r.woke(), r.taskDelivered().orElse(true));
    }
    String reason = r.reason().orElse("the wake failed");
    return r.stopped() ? Outcome.stopped(reason) : Outcome.failed(reason);
  }

  public Result wake(Request req) {
    try {
      prelude.accept(req.personality());
    } catch (RuntimeException e) {
      lc.reports().accept("supervise pass before the wake of \"" + req.personality() + "\" failed: " + e.getMessage());
    }
    try {
      return resolve(req);
    } catch (RuntimeException e) {
      // an unreadable registry, a socket path tmux cannot use, a state dir we cannot write
      return Result.failed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private Result resolve(Request req) {
    String p = req.personality();
    RegistrySnapshot registry = req.registry().orElseGet(() -> lc.registry().read());
    Optional<PeerRecord> found = registry.find(p);
    if (found.isEmpty()) {
      return Result.failed("unknown peer \"" + p + "\"");
    }
    PeerRecord peer = found.get();
    if (lc.managed().isManaged(p)) {
      log(p, null, req.runtime().orElse(peer.runtime()), "refused", "launchd-managed", null, null);
      return Result.failed(managed(p, false));
    }
    RuntimePick pick = RuntimePick.of(p, req.runtime(), peer.runtime(), peer.runtimes());
    if (pick instanceof RuntimePick.Refused r) {
      return Result.failed(r.reason());
    }
    String rt = ((RuntimePick.Chosen) pick).runtime();
    RuntimeAdapter adapter = lc.sessions().adapters().of(rt);
    if (adapter.kind() == RuntimeAdapter.Kind.ROUTER) {
      // always-on services: their service manager starts and restarts them, never a message (06 D3, D13)
      return Result.failed("\"" + p + "\" (" + rt + ") is a router runtime kept up by its service manager;"
          + " the daemon does not wake it");
    }
    Identity id = new Identity(rt, p);
    if (lc.markers().stopped(id)) {
      log(p, id, rt, "refused", "stopped", null, null);
      return stopped(id);
    }
    String busy = "\"" + p + "\" (" + rt + ") wake already in progress (another wake holds the lock) — retry shortly";
    FileLocks.Held lock;
    try {
      lock = WakeLock.acquire(lc.layout(), id, lc.settings().wakeLockRetries(), busy);
    } catch (IapException e) {
      log(p, id, rt, "refused", "wake-lock-held", null, null);
      return Result.failed(id, busy);
    }
    try (lock) {
      return locked(req, peer, registry, adapter, id);
    }
  }

  /** 03 §9.2 steps 8–17, holding the wake lock. */
  private Result locked(Request req, PeerRecord peer, RegistrySnapshot registry, RuntimeAdapter adapter, Identity id) {
    String p = id.personality();
    String rt = id.runtime();
    Markers markers = lc.markers();
    if (markers.stopped(id)) {
      log(p, id, rt, "refused", "stopped-mid-wake", null, null);
      return stopped(id);
    }
    if (lc.managed().isManaged(p)) {
      log(p, id, rt, "refused", "launchd-managed-mid-wake", null, null);
      return Result.failed(id, managed(p, true));
    }
    if (req.replaceLive()) {
      // new: a deliberate end, so no death and no exits.log line (03 §9.9)
      lc.sessions().host().kill(id);
      markers.deleteSession(id);
    } else if (lc.sessions().host().alive(id)) {
      // a concurrent wake won: enrol its session; this caller's task goes in live (03 §9.2 step 9)
      markers.writeSession(new SessionRecord(id, Path.of(peer.cwd()), lc.clock().millis()));
      return Result.ready(id, false, false);
    }
    Path cwd = Path.of(peer.cwd());
    if (!Files.isDirectory(cwd)) {
      return Result.failed(id, "peer cwd does not exist: " + cwd);
    }
    CrashLoop guard = new CrashLoop(lc.settings().crashLoopMax(), lc.settings().crashLoopWindow());
    Optional<String> loop = guard.refusal(markers.deaths(id), lc.clock().millis());
    if (loop.isPresent()) {
      log(p, id, rt, "refused", "crash-loop", null, loop.get());
      return Result.failed(id, "crash-loop guard: " + loop.get() + ", leaving asleep");
    }
    Optional<PeerProfile> profile = profile(cwd);
    Decision d = decide(req, id, cwd, adapter, profile);
    // logged before anything changes: the only surviving record of the markers it consumes
    log(p, id, rt, d.mode().word(), d.cause(), d.ref().orElse(null), d.reason().orElse(null));
    if (d.mode() == Decision.Mode.FAIL) {
      return Result.failed(id, d.reason().orElse(FreshOrResume.NOTHING_TO_RESUME));
    }
    d.consumed().forEach(f -> markers.clear(id, f));
    LaunchSpec spec = spec(req, peer, registry, adapter, id, cwd, d.resume());
    String first = FirstMessage.compose(!d.resume(), profile.flatMap(PeerProfile::initialPrompt), req.task());
    LaunchResult launched;
    String typing = "\"" + p + "\" (" + rt + ") is being typed into by another delivery — retry shortly";
    // held while the first message is typed: nothing else is pasted into a booting session (06 D5)
    try (FileLocks.Held held = FileLocks.acquire(lc.layout().deliveryLock(id), lc.deliveryLockWait(), typing)) {
      launched = lc.sessions().launcher().launch(spec, adapter, first);
    }
    return launched instanceof LaunchResult.Failed f ? failedLaunch(id, cwd, f) : ready(req, id, cwd, d);
  }

  /** 03 §9.2 step 12: what the markers, the profile and the runtime's transcripts say. */
  private Decision decide(Request req, Identity id, Path cwd, RuntimeAdapter adapter, Optional<PeerProfile> profile) {
    String topic = req.topic().map(String::strip).orElse("");
    return FreshOrResume.decide(new FreshOrResume.Inputs(
        req.mode(),
        lc.markers().has(id, Flag.FRESH_NEXT),
        profile.map(PeerProfile::ephemeral).orElse(false),
        lc.markers().idleReaped(id),
        profile.flatMap(PeerProfile::interfaces).map(i -> i.get("telegram")).filter(t -> !t.isNull()).isPresent(),
        topic,
        lc.topics().has(id, topic),
        adapter.resolveResume(cwd)));
  }

  /** 03 §9.2 step 13: the launch, with a system prompt composed afresh for a doctrine peer. */
  private LaunchSpec spec(Request req, PeerRecord peer, RegistrySnapshot registry, RuntimeAdapter adapter,
      Identity id, Path cwd, boolean resume) {
    LaunchSpec spec = LaunchSpec.fresh(id, cwd)
        .withResume(resume)
        .withExtraArgs(req.extraArgs())
        .withIntelligence(peer.intelligence());
    if (!adapter.usesDoctrine()) {
      return spec;
    }
    return SystemPrompt.writeFor(id, lc.layout(), cwd, registry, HostFacts.detect(lc.layout().env(), lc.clock()))
        .map(spec::withSystemPromptFile)
        .orElse(spec);
  }

  /** 03 §9.2 step 16: a session left running is enrolled so idle reap bounds it; else it died. */
  private Result failedLaunch(Identity id, Path cwd, LaunchResult.Failed f) {
    boolean alive = lc.sessions().host().alive(id);
    if (alive) {
      lc.markers().writeSession(new SessionRecord(id, cwd, lc.clock().millis()));
    } else {
      lc.markers().recordDeath(id);
    }
    lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "launch-failed").add("identity", id.address())
        .add("session", alive ? "enrolled" : "none").add("reason", f.reason()));
    return Result.failed(id, f.reason());
  }

  /** 03 §9.2 step 17. */
  private Result ready(Request req, Identity id, Path cwd, Decision d) {
    Markers markers = lc.markers();
    try {
      markers.writeSession(new SessionRecord(id, cwd, lc.clock().millis()));
    } catch (RuntimeException e) {
      lc.reports().accept("cannot enrol " + id + " after its launch: " + e.getMessage());
    }
    bestEffort(() -> markers.clear(id, Flag.EPHEMERAL_ARMED));
    if (!d.resume()) {
      lc.topics().reset(id);
    }
    req.topic().ifPresent(t -> bestEffort(() -> lc.topics().add(id, t)));
    bestEffort(() -> markers.trimDeaths(id, lc.settings().crashLoopWindow().toMillis()));
    return Result.ready(id, true, true);
  }

  private void bestEffort(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      lc.reports().accept(e.getMessage());
    }
  }

  /** Read failures count as "not ephemeral, not human" (03 §9.4). */
  private static Optional<PeerProfile> profile(Path cwd) {
    try {
      return ProfileReader.read(cwd);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private void log(String p, Identity id, String rt, String mode, String cause, String ref, String reason) {
    lc.log().append(LogLine.at(lc.clock().instant()).add("ev", "wake").add("personality", p)
        .add("identity", id == null ? null : id.address()).add("runtime", rt).add("mode", mode)
        .add("cause", cause).add("ref", ref).add("reason", reason));
  }

  private static String managed(String p, boolean midWake) {
    String state = midWake ? "became managed by a service manager mid-wake" : "is managed by a service manager";
    return "\"" + p + "\" " + state + " (com.iapeer." + p
        + "); the daemon does not wake it — its service keeps it running";
  }

  private static Result stopped(Identity id) {
    return new Result(false, false, Optional.of(id), Optional.of("\"" + id.personality() + "\" (" + id.runtime()
        + ") is stopped and not accepting messages; start it to resume"), true, Optional.empty());
  }
}
