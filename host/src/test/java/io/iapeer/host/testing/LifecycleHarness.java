package io.iapeer.host.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.fakeagent.FakeAgentInstall;
import io.iapeer.host.lifecycle.Lifecycle;
import io.iapeer.host.lifecycle.ManagedPeers;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.session.CompactGate;
import io.iapeer.host.session.Control;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.session.TmuxSessionHost;
import io.iapeer.host.session.Typist;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * A host for lifecycle tests on real tmux with the fake agent (03 §11): a sandbox (own HOME, root,
 * socket dir), the fake installed as claude and codex, and the lifecycle wired like the daemon's
 * but with a quick boot/ready poll. Kills every tmux server it started on close.
 */
public final class LifecycleHarness implements AutoCloseable {
  public final Sandbox sb;
  public final FakeAgentInstall.Installed fake;
  public final List<String> reports = new CopyOnWriteArrayList<>();

  public LifecycleHarness(Path tmp) {
    sb = new Sandbox(tmp);
    fake = FakeAgentInstall.into(sb.bin);
    sb.env("IAPEER_CLAUDE_BIN", fake.claude().toString())
        .env("IAPEER_CODEX_BIN", fake.codex().toString())
        .env("PATH", sb.bin + ":/usr/bin:/bin")
        .env("LANG", "C.UTF-8")
        .env("IS_SANDBOX", "1") // we run as root; 06 D8 refuses claude without it
        .env("IAPEER_BOOT_DEADLINE_SECS", "40")
        .env("IAPEER_READY_GATE_SECS", "20");
  }

  /**
   * Puts an {@code iapeer} on the sandbox PATH that runs this build's CLI, so a session can call
   * {@code iapeer self-fresh} and the like through the fake agent's {@code !run} hook (03 §11 F10).
   */
  public LifecycleHarness withIapeerOnPath() {
    String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "#!/bin/sh\nexec '" + jvm + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
        + System.getProperty("java.class.path") + "' io.iapeer.host.cli.Main \"$@\"\n";
    Path bin = sb.bin.resolve("iapeer");
    try {
      Files.writeString(bin, script);
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A peer folder made with {@code iapeer init}; returns the folder. */
  public Path peer(String name, String runtime) {
    Path folder = sb.base.resolve("work/" + name);
    Sandbox.Run init = sb.cd(folder).run("init", "--runtime", runtime);
    assertThat(init.code()).as(init.err()).isZero();
    return folder;
  }

  public Layout layout() {
    return sb.layout();
  }

  /** Built afresh, so environment changes made since take effect. */
  public Lifecycle lifecycle() {
    return lifecycle(Clock.systemUTC());
  }

  public Lifecycle lifecycle(Clock clock) {
    return lifecycle(clock, Duration.ofMillis(250));
  }

  /** @param poll the launcher's boot/ready poll (2 s in production) */
  public Lifecycle lifecycle(Clock clock, Duration poll) {
    Layout layout = sb.layout();
    Settings settings = new Settings(sb.env());
    TmuxSessionHost host = new TmuxSessionHost(layout);
    Adapters adapters = new Adapters(layout);
    Launcher.Pause pause = d -> Thread.sleep(d);
    Launcher launcher = new Launcher(host, new LaunchComposer(adapters, Platform.current()),
        new Launcher.Timings(settings.bootDeadline(), settings.readyGate(), poll, Duration.ofMillis(300)), pause);
    Control control = new Control(host, pause);
    Sessions sessions = new Sessions(host, adapters, launcher,
        new Typist(host, new Typist.Timings(settings.livenessGrace(), settings.submitTimeout(),
            settings.pasteSettle()), pause),
        control,
        new CompactGate(host, control, new CompactGate.Timings(settings.compactDoneTimeout(),
            settings.compactDonePoll(), settings.compactReadyGrace()), pause));
    return Lifecycle.of(layout, settings, sessions, clock, ManagedPeers.NONE, reports::add);
  }

  /** Rewrites {@code folder}'s profile with {@code field} set to the raw JSON {@code value}. */
  public static void profileField(Path folder, String field, String value) {
    Path profile = folder.resolve(".iapeer/peer-profile.json");
    String json = read(profile);
    try {
      String head = "{\n  \"" + field + "\": " + value + ",";
      Files.writeString(profile, json.replaceFirst("\\{", Matcher.quoteReplacement(head)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path state(Identity id, String suffix) {
    return layout().lifecycleStateDir().resolve(id.address() + "." + suffix);
  }

  public String lifecycleLog() {
    return read(layout().eventLogDir().resolve("lifecycle.log"));
  }

  /** How often the fake agent was started in {@code folder}. */
  public static int launches(Path folder) {
    return launchRecords(folder).size();
  }

  public static List<String> launchRecords(Path folder) {
    Path f = folder.resolve(".fake-agent/launches.jsonl");
    return Files.exists(f) ? read(f).lines().toList() : List.of();
  }

  /** Every transcript line under the sandbox HOME. */
  public String transcripts() {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(sb.home)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        all.append(read(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all.toString();
  }

  /** The transcript files under the sandbox HOME. */
  public List<Path> transcriptFiles() {
    try (Stream<Path> files = Files.walk(sb.home.resolve(".claude"))) {
      return files.filter(p -> p.toString().endsWith(".jsonl") && !p.toString().contains("subagents"))
          .sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Each session's transcript, oldest conversation first (by its first record's timestamp). */
  public List<String> transcriptsByTime() {
    return transcriptFiles().stream().map(LifecycleHarness::read)
        .sorted(java.util.Comparator.comparing(t -> t.substring(t.indexOf("\"timestamp\""))))
        .toList();
  }

  public static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    TmuxServers.killAll(sb.layout().sockDir());
  }
}
