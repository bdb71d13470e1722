package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.install.Uninstall;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.service.ServiceManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "uninstall",
    customSynopsis = "usage: iapeer uninstall [--dry-run] [--yes]",
    description = {
      "Removes iapeer: its services, sessions, launcher and ~/.iapeer.",
      "",
      "Only what iapeer owns: service definitions without its marker belong to",
      "another manager, and while one sits at an iapeer label nothing is removed.",
      "Shows the plan first; asks before removing (--yes in scripts)."
    })
public final class UninstallCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--dry-run", description = "show what would be removed, remove nothing")
  boolean dryRun;

  @Option(names = "--yes", description = "do not ask; needed without a terminal")
  boolean yes;

  public UninstallCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Layout layout = ctx.layout();
    ServiceManager services = Services.of(ctx);
    Uninstall uninstall = new Uninstall(layout, services,
        Lifecycle.of(layout, ctx.settings(), ctx::warn).sessions().host(),
        () -> ServiceHostStop.stop(layout, ctx.settings()));
    List<String> foreign = uninstall.foreign();
    if (!foreign.isEmpty()) {
      ctx.err().println("uninstall refused — persistent-peer fleet present (" + String.join(", ", foreign)
          + "). Removing " + layout.root() + " would destroy their state. Remove those peers first"
          + " (`iapeer remove <peer>`), then re-run uninstall.");
      return Cli.FAILED;
    }
    List<Uninstall.Item> plan = uninstall.plan();
    ctx.out().println("iapeer uninstall — will remove:");
    for (Uninstall.Item item : plan) {
      ctx.out().println(item.present()
          ? "  • " + item.what() + "  (" + item.path() + ")"
          : "  · " + item.what() + "  (" + item.path() + ") — already gone");
    }
    if (dryRun) {
      ctx.out().println("(dry-run — nothing removed)");
      return Cli.OK;
    }
    if (!yes) {
      if (!ctx.interactive()) {
        ctx.err().println("uninstall is destructive (removes " + layout.root()
            + ") — re-run with --yes in a non-interactive shell.");
        return Cli.USAGE;
      }
      ctx.out().print("This permanently removes iapeer and ALL its data. Continue? [y/N] ");
      ctx.out().flush();
      String answer = ctx.in().readLine();
      String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
      if (!a.equals("y") && !a.equals("yes")) {
        ctx.out().println("uninstall aborted.");
        return Cli.FAILED;
      }
    }
    boolean failed = false;
    boolean serviceLeft = false;
    for (Uninstall.Item item : plan) {
      if (!item.present()) {
        ctx.out().println("  skipped (absent): " + item.what());
        continue;
      }
      if (item.kind() == Uninstall.Kind.ROOT && serviceLeft) {
        ctx.err().println("  FAILED: " + item.what() + " — NOT removed: a service above is still running");
        failed = true;
        continue;
      }
      try {
        item.remove().run();
        ctx.out().println("  removed: " + item.what());
      } catch (IOException | UncheckedIOException | IapException e) {
        ctx.err().println("  FAILED: " + item.what() + " — " + e.getMessage());
        failed = true;
        serviceLeft |= item.kind() == Uninstall.Kind.SERVICE;
      }
    }
    ctx.out().println(failed ? "uninstall finished with errors (see above)."
        : "iapeer uninstalled. (Peer folders outside " + layout.root() + " and agent CLIs are left in place.)");
    return failed ? Cli.FAILED : Cli.OK;
  }
}
