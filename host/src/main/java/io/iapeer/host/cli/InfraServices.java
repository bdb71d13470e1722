package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.peer.InfraService;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceSpec;
import io.iapeer.host.service.ServiceSpecs;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An infra peer's service definition, through this host's service manager (04 §3.11): its launcher
 * must resolve to an executable now, and a definition another manager wrote is never replaced.
 * The manager is looked up only when an infra peer is provisioned.
 */
final class InfraServices implements InfraService {
  private final Context ctx;

  InfraServices(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public void check(String personality, String runtime, Path cwd) {
    ServiceSpec spec = spec(personality, runtime, cwd);
    String key = Runtimes.infraLauncherEnv(runtime).orElseThrow();
    if (!spec.env().containsKey(key)) {
      throw new IapException("cannot provision infra peer \"" + personality + "\": runtime launcher \""
          + ctx.env().get(key).orElse(Runtimes.infraDefaultLauncher(runtime))
          + "\" not found on PATH or not executable — install the " + runtime + " runtime or set " + key
          + " to its absolute path");
    }
    ServiceManager services = Services.of(ctx);
    if (services.name().equals("none")) {
      throw new IapException("runtime \"" + runtime + "\" is an always-on infra runtime and this host has no"
          + " service manager (IAPEER_SERVICE_MANAGER=none) — use claude or codex, or another manager");
    }
    Path def = services.definitionPath(spec.label());
    if (Files.exists(def) && !services.isOwned(def)) {
      throw new IapException("refusing to overwrite " + def + ": label " + spec.label()
          + " is not iapeer-managed — another manager owns it; rename the peer");
    }
  }

  @Override
  public Path define(String personality, String runtime, Path cwd) {
    ServiceManager services = Services.of(ctx);
    ServiceSpec spec = spec(personality, runtime, cwd);
    services.write(spec);
    return services.definitionPath(Labels.peer(personality));
  }

  private ServiceSpec spec(String personality, String runtime, Path cwd) {
    return ServiceSpecs.infra(ctx.layout(), ctx.settings(), new Identity(runtime, personality), cwd);
  }
}
