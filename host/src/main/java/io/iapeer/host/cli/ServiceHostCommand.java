package io.iapeer.host.cli;

import io.iapeer.host.service.ServiceHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "service-host",
    customSynopsis = "usage: iapeer service-host [--foreground]",
    description = {
      "The built-in supervisor (internal): runs the enabled service definitions.",
      "",
      "One per root, held by a lock on service-host.lock. It starts every",
      "enabled definition in IAPEER_SERVICES_DIR (else <root>/services) in a",
      "process group of its own, restarts each on any exit no sooner than its",
      "throttle after its last start, reads the definitions again on SIGHUP,",
      "and on SIGTERM or SIGINT stops every job (SIGTERM to its group, SIGKILL",
      "after IAPEER_SERVICE_STOP_TIMEOUT_SECS) and exits 0. Its log is",
      "<root>/logs/iapeer/service-host.log. The service manager starts it when",
      "a job is loaded, and it exits once nothing is left to run.",
      "",
      "In a container, make `iapeer service-host --foreground` the entrypoint:",
      "it stays up with nothing to run, logs to stderr too, and passes the",
      "container's SIGTERM on to every job. Java cannot reap orphaned",
      "processes, so run it under an init: `docker run --init`, or tini."
    })
public final class ServiceHostCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--foreground", description = "a container's entrypoint: stay up when idle, also log to stderr")
  boolean foreground;

  public ServiceHostCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return ServiceHost.run(ctx.layout(), ctx.settings(), foreground, ctx.err());
  }
}
