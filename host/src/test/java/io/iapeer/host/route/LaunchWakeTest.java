package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.Platform;
import io.iapeer.host.session.Launcher;
import io.iapeer.host.testing.InMemorySessionHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interim wake's refusals and its live fast path (03 §9.2 steps 2–9); launches are in the tmux tests. */
class LaunchWakeTest {
  @TempDir Path tmp;
  RouteFixture fx;
  final InMemorySessionHost host = new InMemorySessionHost();

  @BeforeEach
  void setUp() {
    fx = new RouteFixture(tmp, tmp.resolve("socks"));
    fx.peer("boris", "claude", "codex", "voicetalk", "notifier");
  }

  LaunchWake wake(Duration lockWait) {
    Adapters adapters = new Adapters(fx.layout());
    Launcher launcher = new Launcher(host, new LaunchComposer(adapters, Platform.current()),
        new Launcher.Timings(Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofMillis(1), Duration.ZERO), d -> { });
    return new LaunchWake(fx.layout(), new Registry(fx.layout(), w -> { }), adapters, host, launcher, lockWait,
        Duration.ofSeconds(1));
  }

  Wake.Outcome wake(String personality, String runtime) {
    return wake(Duration.ofSeconds(1)).wake(new Wake.Request(personality, Optional.ofNullable(runtime), Optional.empty(), "task"));
  }

  @Test
  void anUnknownPeerOrRuntimeIsRefused() {
    assertThat(wake("ghost", null)).isEqualTo(Wake.Outcome.failed("unknown peer \"ghost\""));
    assertThat(wake("boris", "telegram")).isEqualTo(Wake.Outcome.failed("runtime \"telegram\" is not declared for \"boris\""));
    assertThat(wake("boris", "voicetalk")).isEqualTo(Wake.Outcome.failed("no launch adapter for runtime \"voicetalk\""));
    assertThat(wake("boris", "notifier")).isEqualTo(Wake.Outcome.failed(
        "\"boris\" (notifier) is a router runtime kept up by its service manager; the daemon does not wake it"));
    assertThat(host.starts()).isZero();
  }

  @Test
  void aStoppedPeerIsRefusedAsStopped() throws Exception {
    Files.createDirectories(fx.layout().lifecycleStateDir());
    Files.writeString(fx.layout().lifecycleStateDir().resolve("codex-boris.stopped"), "x\n");

    assertThat(wake("boris", "codex")).isEqualTo(
        Wake.Outcome.stopped("\"boris\" (codex) is stopped and not accepting messages; start it to resume"));
    // the default runtime is not stopped
    assertThat(wake("boris", null).stopped()).isFalse();
  }

  @Test
  void aLiveSessionIsTheFastPathAndTheTaskGoesBackToTheRouter() {
    host.live(new Identity("claude", "boris"));
    assertThat(wake("boris", null)).isEqualTo(Wake.Outcome.ready("claude", false, false));
    assertThat(host.starts()).isZero();
  }

  @Test
  void aMissingFolderIsRefusedBeforeAnyLaunch() throws Exception {
    Files.delete(fx.folder("boris"));
    assertThat(wake("boris", null)).isEqualTo(Wake.Outcome.failed("peer cwd does not exist: " + fx.folder("boris")));
    assertThat(host.starts()).isZero();
  }

  @Test
  void aWakeHeldElsewhereIsRetryableNotAnException() throws Exception {
    Identity id = new Identity("claude", "boris");
    Wake.Outcome[] out = new Wake.Outcome[1];
    try (FileLocks.Held held = FileLocks.acquire(fx.layout().wakeLock(id), Duration.ofSeconds(1), "busy")) {
      // the in-JVM mutex belongs to a thread: the second waker must be another one
      Thread.ofVirtual().start(() -> out[0] = wake(Duration.ofMillis(50))
          .wake(new Wake.Request("boris", Optional.empty(), Optional.empty(), "task"))).join();
    }
    assertThat(out[0]).isEqualTo(Wake.Outcome.failed(
        "\"boris\" (claude) wake already in progress (another wake holds the lock) — retry shortly"));
  }
}
