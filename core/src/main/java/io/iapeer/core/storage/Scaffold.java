package io.iapeer.core.storage;

import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.runtime.LaunchEnv;
import java.nio.file.Files;
import java.util.Collection;
import java.util.LinkedHashSet;

/** The idempotent folder scaffolds of 01 §7.3–§7.4; every created directory is 0700. */
public final class Scaffold {
  private Scaffold() {}

  /** {@code <root>} and its category folders; runtime plugin scopes for installed claude/codex. */
  public static void ensureGlobal(Layout layout) {
    Dirs.ensure(layout.root().resolve("plugins").resolve("iap"));
    for (String category : new String[] {"state", "logs", "cache", "peers", "runtimes"}) {
      Dirs.ensure(layout.root().resolve(category));
    }
    for (String rt : Runtimes.AGENTIC) {
      if (Files.isDirectory(layout.nativeHome().resolve("." + rt))) {
        Dirs.ensure(layout.root().resolve("runtimes").resolve(rt).resolve("plugins").resolve("iap"));
      }
    }
  }

  public static void ensureLocal(PeerPaths peer) {
    Dirs.ensure(peer.dotDir().resolve("plugins").resolve("iap"));
    for (String category : new String[] {"runtimes", "state", "logs", "cache"}) {
      Dirs.ensure(peer.dotDir().resolve(category));
    }
  }

  /**
   * Per-runtime scopes for the agentic runtimes among {@code runtimes}, with a {@code launch.env}
   * skeleton where none exists; infra runtimes get none (01 §7.4, §16.2).
   */
  public static void ensureRuntimeScopes(PeerPaths peer, Collection<String> runtimes) {
    Dirs.ensure(peer.runtimesDir());
    for (String rt : new LinkedHashSet<>(runtimes)) {
      if (Runtimes.isAgentic(rt)) {
        Dirs.ensure(peer.runtimeDir(rt).resolve("plugins").resolve("iap"));
        LaunchEnv.writeSkeletonIfMissing(peer.launchEnv(rt));
      }
    }
  }
}
