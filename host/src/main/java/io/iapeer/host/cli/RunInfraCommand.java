package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.service.InfraHold;
import io.iapeer.host.service.Signals;
import io.iapeer.host.session.LiveTarget;
import io.iapeer.host.session.Sessions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "run-infra",
    customSynopsis = "usage: iapeer run-infra <personality> <runtime>",
    description = {
      "Holds an infra peer's session (internal: its service runs this).",
      "",
      "Starts the session of a telegram or notifier peer unless it is live,",
      "checks after IAPEER_INFRA_RECHECK_MS that it is still up (exit 1 if not),",
      "then looks every IAPEER_INFRA_WATCH_MS and exits 0 when it has ended, so",
      "the service manager starts it again. SIGTERM or SIGINT ends the session",
      "first, then exits 0. Never run it by hand next to its service."
    })
public final class RunInfraCommand implements Callable<Integer> {
  /** 04 §3.5's text with the order fixed: every service definition passes the personality first. */
  static final String MISSING = "run-infra needs a personality and a runtime — usage: iapeer run-infra"
      + " <personality> <runtime> (internal service entrypoint)";

  private final Context ctx;

  @Parameters(index = "0", arity = "0..1", paramLabel = "<personality>")
  String personality;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<runtime>")
  String runtime;

  public RunInfraCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (personality == null || runtime == null) {
      throw new UsageError(MISSING);
    }
    Identity id = new Identity(Names.requireRuntime(runtime), Names.requirePersonality(personality));
    if (!Runtimes.isInfra(runtime)) {
      throw new IapException("runtime \"" + runtime + "\" is not an always-on infra runtime");
    }
    PeerRecord peer = Provisioning.registry(ctx).read().find(personality)
        .orElseThrow(() -> new IapException("unknown peer \"" + personality + "\" (run iapeer list)"));
    LiveTarget.declared(peer, runtime);
    Path cwd = Path.of(peer.cwd());
    // The gate of a human channel needs the peer's nature; the profile is its source (04 §4.2.6).
    Intelligence intelligence = ProfileReader.read(cwd).map(PeerProfile::intelligence).orElse(peer.intelligence());
    Sessions sessions = Sessions.of(ctx.layout(), ctx.settings());
    sessions.adapters().of(runtime); // voicetalk, web: nothing iapeer can launch (06 D15)
    CountDownLatch stop = new CountDownLatch(1);
    Signals.trap(List.of("TERM", "INT"), s -> stop.countDown());
    InfraHold.Timings timings = new InfraHold.Timings(ctx.settings().infraRecheck(), ctx.settings().infraWatch());
    return new InfraHold(sessions, timings, ctx.err()).hold(id, cwd, intelligence, stop);
  }
}
