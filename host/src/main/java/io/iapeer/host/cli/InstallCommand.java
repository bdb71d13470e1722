package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.runtime.Installed;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Scaffold;
import io.iapeer.host.install.Distribution;
import io.iapeer.host.install.HostDoctrine;
import io.iapeer.host.install.Installer;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceSpecs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

@Command(
    name = "install",
    customSynopsis = "usage: iapeer install",
    description = {
      "Installs iapeer for this user; writes the daemon's service, not started.",
      "",
      "The program goes to $IAPEER_INSTALL_DIR/<version>/ with this JDK's path baked in;",
      "$IAPEER_BIN_DIR/iapeer becomes a link to it, replaced atomically, and the link it",
      "replaced is kept as iapeer.prev for `iapeer rollback`. Running it again changes",
      "nothing. `iapeer onboard` then starts the daemon under the service manager."
    })
public final class InstallCommand implements Callable<Integer> {
  private final Context ctx;

  public InstallCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Layout layout = ctx.layout();
    if (Installed.which(layout, "tmux").isEmpty()) {
      throw new IapException("tmux is not on PATH — agent sessions run in tmux; install it"
          + " (apt-get install tmux, brew install tmux) and re-run");
    }
    ServiceManager services = Services.of(ctx);
    String version = VersionCommand.version();
    Distribution dist = Distribution.running(layout);
    Installer.Installed done =
        new Installer(layout, Path.of(System.getProperty("java.home"))).install(dist, version);
    if (done.unchanged()) {
      ctx.out().println("iapeer " + version + " already installed → " + done.bin() + " (unchanged)");
    } else {
      train(done.launcher());
      ctx.out().println("installed iapeer " + version + " → " + done.bin()
          + (done.previousKept() ? " (previous kept: " + done.bin() + ".prev)" : "")
          + " (" + Math.max(1, dist.bytes() >> 20) + "M)");
    }
    Scaffold.ensureGlobal(layout);
    ctx.out().println("  scaffold: " + layout.root() + "/ ensured");
    ctx.out().println("  host doctrine: " + layout.hostDoctrine()
        + (HostDoctrine.ensureStub(layout) ? " (stub created — fill it in)" : " (kept)"));
    boolean written = services.write(ServiceSpecs.daemon(layout, ctx.settings()));
    Path def = services.definitionPath(Labels.DAEMON);
    ctx.out().println("  daemon service " + (written ? "written" : "unchanged") + " (" + services.name() + "): " + def);
    ctx.out().println("  (NOT loaded — to start it: iapeer onboard)");
    return Cli.OK;
  }

  /** The first run of a new install records the class cache that makes every later run fast. */
  private static void train(Path launcher) {
    try {
      Process p = new ProcessBuilder(launcher.toString(), "version")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // No cache only means slower starts; the install itself is done.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
