package io.iapeer.host.install;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import io.iapeer.host.session.SessionHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code uninstall} removes, in order (04 §3.4), and only what is ours: service definitions
 * carrying our marker, the session servers on our socket names, the launcher links that point into
 * our install dir, the install dir and the root. A definition at one of our labels that we did not
 * write means another manager runs peers out of this root, so nothing is removed at all.
 */
public final class Uninstall {
  /**
   * One thing to remove; {@code remove} throws with the reason when it cannot. A service that is
   * still running keeps the root: its job would go on writing into it.
   */
  public record Item(String what, Path path, boolean present, Kind kind, Action remove) {}

  public enum Kind { SERVICE, OTHER, ROOT }

  @FunctionalInterface
  public interface Action {
    void run() throws IOException;
  }

  private final Layout layout;
  private final ServiceManager services;
  private final SessionHost sessions;
  private final Action stopServiceHost;

  public Uninstall(Layout layout, ServiceManager services, SessionHost sessions, Action stopServiceHost) {
    this.layout = layout;
    this.services = services;
    this.sessions = sessions;
    this.stopServiceHost = stopServiceHost;
  }

  /** The labels of definitions at our names that we did not write; non-empty refuses the plan. */
  public List<String> foreign() {
    List<String> out = new ArrayList<>();
    for (String label : labels()) {
      if (!services.isOwned(services.definitionPath(label))) {
        out.add(label);
      }
    }
    return out;
  }

  public List<Item> plan() {
    SandboxPaths.checkRoot(layout);
    SandboxPaths.checkInstall(layout);
    List<Item> items = new ArrayList<>();
    for (String label : labels()) {
      Path def = services.definitionPath(label);
      String what = label.equals(Labels.DAEMON) ? "daemon service" : "infra service " + label;
      items.add(new Item(what, def, true, Kind.SERVICE, () -> {
        ServiceResult r = services.remove(label);
        if (r.failed()) {
          throw new IOException(r.toString());
        }
      }));
    }
    items.add(new Item("built-in service host", layout.serviceHostPid(), Files.exists(layout.serviceHostPid()),
        Kind.SERVICE, stopServiceHost::run));
    List<Identity> live = liveSessions();
    String sessionsWhat = live.isEmpty() ? "live agent sessions" : "live agent sessions (" + live.size() + ")";
    items.add(new Item(sessionsWhat, layout.sockDir(), !live.isEmpty(), Kind.OTHER, () -> {
      for (Identity id : live) {
        sessions.kill(id);
      }
    }));
    Path bin = layout.installedLauncher();
    Path prev = bin.resolveSibling("iapeer.prev");
    items.add(new Item("launcher", bin, ours(bin), Kind.OTHER, () -> Files.deleteIfExists(bin)));
    items.add(new Item("previous launcher", prev, ours(prev), Kind.OTHER, () -> Files.deleteIfExists(prev)));
    items.add(new Item("installed versions", layout.installDir(), Files.isDirectory(layout.installDir()),
        Kind.OTHER, () -> Installer.deleteTree(layout.installDir())));
    items.add(new Item("iapeer root (registry, state, logs, peers)", layout.root(), Files.isDirectory(layout.root()),
        Kind.ROOT, () -> Installer.deleteTree(layout.root())));
    return items;
  }

  /** Our labels that have a definition: the daemon's first, then every peer's. */
  private List<String> labels() {
    List<String> out = new ArrayList<>();
    if (Files.exists(services.definitionPath(Labels.DAEMON), LinkOption.NOFOLLOW_LINKS)) {
      out.add(Labels.DAEMON);
    }
    Path probe = services.definitionPath(Labels.peer("x"));
    String suffix = probe.getFileName().toString().substring(Labels.peer("x").length());
    Path dir = probe.getParent();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .filter(l -> Labels.personality(l).isPresent())
          .sorted()
          .forEach(out::add);
    } catch (IOException e) {
      throw new IapException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private List<Identity> liveSessions() {
    Path dir = layout.sockDir();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> Identity.fromSocketFileName(p.getFileName().toString()))
          .flatMap(Optional::stream)
          .filter(sessions::alive)
          .sorted(java.util.Comparator.comparing(Identity::address))
          .toList();
    } catch (IOException e) {
      throw new IapException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A launcher link is ours when it points into our install dir. */
  private boolean ours(Path link) {
    return Installer.linkTarget(link)
        .filter(t -> t.startsWith(layout.installDir().toAbsolutePath().normalize()))
        .isPresent();
  }
}
