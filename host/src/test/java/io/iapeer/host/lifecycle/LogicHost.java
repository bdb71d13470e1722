package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.PasteMode;
import io.iapeer.host.session.SessionSpec;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.testing.InMemorySessionHost;
import io.iapeer.host.testing.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host for the lifecycle's logic tests: a sandboxed layout, a clock the test moves, registered
 * peers with folders, and an in-memory session host whose claude sessions come up ready and write
 * a transcript record for whatever is pasted, as the fake agent does (03 §11 F5) — so the real
 * launch primitive runs against it without tmux.
 */
final class LogicHost {
  static final Instant T0 = Instant.parse("2026-06-06T10:00:00Z");
  /** A claude screen at its composer in bypass mode (03 §3.2 ready). */
  static final String READY = "\n❯ \n  ⏵⏵ bypass permissions on (shift+tab to cycle)\n";
  /** A codex screen at its composer (03 §3.3 ready). */
  static final String CODEX_READY = "\n› \n";

  final Path tmp;
  final TestClock clock = new TestClock(T0);
  final Host host = new Host();
  final Map<String, String> env = new HashMap<>();
  final List<String> reports = new CopyOnWriteArrayList<>();
  ManagedPeers managed = ManagedPeers.NONE;

  LogicHost(Path tmp) {
    this.tmp = tmp;
    env.put("HOME", mkdirs(tmp.resolve("home")).toString());
    env.put("IAPEER_ROOT", tmp.resolve("root").toString());
    env.put("IAPEER_SOCK_DIR", mkdirs(tmp.resolve("socks")).toString());
    env.put("IAPEER_TEST_SANDBOX", "1");
    env.put("IAPEER_CLAUDE_BIN", "/nonexistent/claude"); // never run: the host is in memory
    env.put("IAPEER_CODEX_BIN", "/nonexistent/codex");
    env.put("IS_SANDBOX", "1");
    env.put("PATH", "/usr/bin:/bin");
  }

  Layout layout() {
    return Layout.from(new Env(env));
  }

  Lifecycle lifecycle() {
    Layout layout = layout();
    Settings settings = new Settings(new Env(env));
    Adapters adapters = new Adapters(layout, clock);
    Launcher launcher = new Launcher(host, new LaunchComposer(adapters, Platform.current()),
        new Launcher.Timings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ZERO),
        d -> { });
    Sessions sessions = Sessions.of(host, adapters, settings).withLauncher(launcher);
    return Lifecycle.of(layout, settings, sessions, clock, managed, reports::add);
  }

  /** Registers {@code personality} with its folder; the first runtime is the default. */
  Path peer(String personality, String... runtimes) {
    Path cwd = mkdirs(tmp.resolve("peers").resolve(personality));
    PeerRecord r = new PeerRecord(personality, runtimes[0], List.of(runtimes), "", Intelligence.ARTIFICIAL,
        Optional.empty(), cwd.toString(), Optional.empty());
    new Registry(layout(), w -> { }).update(s -> s.with(r));
    return cwd;
  }

  /** Writes the folder's local profile with {@code extra} JSON members (e.g. {@code "wake_policy": "ephemeral"}). */
  static void profile(Path cwd, String personality, String extra) {
    write(cwd.resolve(".iapeer/peer-profile.json"), "{\"personality\": \"" + personality
        + "\", \"default_runtime\": \"claude\", \"runtimes\": [\"claude\"]" + (extra.isEmpty() ? "" : ", " + extra)
        + "}\n");
  }

  /** A claude transcript whose last timestamped record is at {@code lastTurn}. */
  void lastTurn(Path cwd, Instant lastTurn) {
    write(projects(cwd).resolve("session.jsonl"),
        "{\"type\":\"user\",\"timestamp\":\"" + lastTurn + "\"}\n{\"type\":\"ai-title\",\"title\":\"t\"}\n");
  }

  /** A sub-agent transcript last written at {@code mtime}. */
  void childActivity(Path cwd, Instant mtime) {
    Path f = projects(cwd).resolve("session/subagents/agent-1.jsonl");
    write(f, "{}\n");
    try {
      Files.setLastModifiedTime(f, FileTime.from(mtime));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path projects(Path cwd) {
    StringBuilder slug = new StringBuilder();
    for (char c : cwd.toAbsolutePath().normalize().toString().toCharArray()) {
      slug.append(Character.isLetterOrDigit(c) && c < 128 ? c : '-');
    }
    return Path.of(env.get("HOME"), ".claude", "projects", slug.toString());
  }

  String log() {
    Path f = layout().eventLogDir().resolve("lifecycle.log");
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path f, String text) {
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The in-memory session host, extended the way the fake agent behaves: a started session shows
   * the ready composer, and a paste becomes a user record in its conversation (a new one when
   * fresh, the newest one with {@code --continue}).
   */
  final class Host extends InMemorySessionHost {
    final List<SessionSpec> started = new CopyOnWriteArrayList<>();
    private final Map<Identity, Path> conversation = new ConcurrentHashMap<>();

    @Override
    public void start(SessionSpec spec) {
      super.start(spec);
      started.add(spec);
      screen(spec.identity(), spec.identity().runtime().equals("codex") ? CODEX_READY : READY);
      Path dir = projects(spec.cwd());
      boolean resume = spec.argv().contains("--continue");
      conversation.put(spec.identity(), resume ? newest(dir).orElseThrow() : dir.resolve(UUID.randomUUID() + ".jsonl"));
    }

    @Override
    public void paste(Identity id, String text, PasteMode mode) {
      super.paste(id, text, mode);
      try {
        Path f = conversation.get(id);
        Files.createDirectories(f.getParent());
        String record = "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
            + io.iapeer.core.storage.Json.compact(io.iapeer.core.storage.Json.nodes().stringNode(text))
            + "},\"timestamp\":\"" + clock.instant() + "\"}\n";
        Files.writeString(f, record, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<List<String>> argvs() {
      return new ArrayList<>(started.stream().map(SessionSpec::argv).toList());
    }

    private static Optional<Path> newest(Path dir) {
      try (var files = Files.list(dir)) {
        return files.filter(p -> p.toString().endsWith(".jsonl"))
            .max((a, b) -> a.toFile().lastModified() < b.toFile().lastModified() ? -1 : 1);
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
