package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.session.SessionSpec;
import io.iapeer.host.session.Sessions;
import io.iapeer.host.testing.InMemorySessionHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-infra's hold on an infra peer's session (04 §4.2.6), on a session host in memory. */
class InfraHoldTest {
  static final Identity NOTES = new Identity("notifier", "notes");
  static final InfraHold.Timings FAST = new InfraHold.Timings(Duration.ofMillis(5), Duration.ofMillis(5));

  @TempDir Path cwd;
  final StringWriter err = new StringWriter();

  /** A session that stays up for {@code checks} liveness checks after it is live, then ends by itself. */
  static final class EndsAfter extends InMemorySessionHost {
    final AtomicInteger left;

    EndsAfter(int checks) {
      left = new AtomicInteger(checks);
    }

    @Override
    public boolean alive(Identity id) {
      if (super.alive(id) && left.getAndDecrement() <= 0) {
        dead(id);
      }
      return super.alive(id);
    }
  }

  /** tmux starts, the program dies before anyone looks. */
  static final class DiesAtStart extends InMemorySessionHost {
    @Override
    public void start(SessionSpec spec) {
      super.start(spec);
      dead(spec.identity());
    }
  }

  /**
   * Live, but check number {@code failing} fails (the tmux client asking was killed by the signal
   * meant for us, which also counts {@code stopWith} down); the session really ends after check
   * number {@code endsAfter}, if that is not 0.
   */
  static final class OneCheckFails extends InMemorySessionHost {
    final AtomicInteger checks = new AtomicInteger();
    final int failing;
    final int endsAfter;
    final CountDownLatch stopWith;

    OneCheckFails(int failing, int endsAfter, CountDownLatch stopWith) {
      this.failing = failing;
      this.endsAfter = endsAfter;
      this.stopWith = stopWith;
    }

    @Override
    public boolean alive(Identity id) {
      int n = checks.incrementAndGet();
      if (n == failing) {
        stopWith.countDown();
        return false;
      }
      boolean up = super.alive(id);
      if (n == endsAfter) {
        dead(id);
      }
      return up;
    }
  }

  InfraHold hold(InMemorySessionHost host) {
    Env env = new Env(Map.of("HOME", cwd.toString(), "IAPEER_ROOT", cwd.resolve("root").toString(),
        "NOTIFIER_RUNTIME_BIN", "/opt/notifier/bin/notifier-runtime", "PATH", "/bin"));
    Sessions sessions = Sessions.of(host, new Adapters(Layout.from(env)), new Settings(env));
    return new InfraHold(sessions, FAST, new PrintWriter(err, true));
  }

  @Test
  void aSessionItStartsIsWatchedAndItsNaturalEndIsExitZeroSoTheManagerRestartsIt() throws Exception {
    EndsAfter host = new EndsAfter(3);
    int code = hold(host).hold(NOTES, cwd, Intelligence.ABSENT, new CountDownLatch(1));
    assertThat(code).isZero();
    assertThat(host.starts()).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("[iapeer] run-infra: notifier-notes is up — watching it\n"
        + "[iapeer] run-infra: notifier-notes session ended — exiting so the service manager starts it again\n");
  }

  @Test
  void aLiveSessionIsNotLaunchedAgain() throws Exception {
    EndsAfter host = new EndsAfter(2);
    host.live(NOTES);
    assertThat(hold(host).hold(NOTES, cwd, Intelligence.ABSENT, new CountDownLatch(1))).isZero();
    assertThat(host.starts()).isZero();
    assertThat(err.toString()).startsWith("[iapeer] run-infra: notifier-notes is already live — watching it\n");
  }

  @Test
  void aSessionThatDiesRightAfterItsLaunchIsExitOneNamingTheBinary() throws Exception {
    assertThat(hold(new DiesAtStart()).hold(NOTES, cwd, Intelligence.ABSENT, new CountDownLatch(1))).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("[iapeer] run-infra: notifier-notes session died immediately after"
        + " launch — check /opt/notifier/bin/notifier-runtime\n");
  }

  @Test
  void aLaunchTheRuntimeRefusesIsExitOneWithItsReason() throws Exception {
    InMemorySessionHost host = new InMemorySessionHost();
    Identity bot = new Identity("telegram", "lena");
    assertThat(hold(host).hold(bot, cwd, Intelligence.ARTIFICIAL, new CountDownLatch(1))).isEqualTo(1);
    assertThat(host.starts()).isZero();
    assertThat(err.toString()).isEqualTo("[iapeer] run-infra: launch FAILED for telegram-lena: runtime \"telegram\""
        + " requires intelligence=natural, peer \"lena\" is artificial — refusing to launch\n");
  }

  @Test
  void theIntelligenceFromTheProfileLetsAHumanChannelStart() throws Exception {
    EndsAfter host = new EndsAfter(1);
    Identity bot = new Identity("telegram", "lena");
    assertThat(hold(host).hold(bot, cwd, Intelligence.NATURAL, new CountDownLatch(1))).isZero();
    assertThat(host.starts()).isEqualTo(1);
  }

  @Test
  void aStopSignalEndsTheSessionBeforeExitingZero() throws Exception {
    InMemorySessionHost host = new InMemorySessionHost().live(NOTES);
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    assertThat(hold(host).hold(NOTES, cwd, Intelligence.ABSENT, stop)).isZero();
    assertThat(host.alive(NOTES)).isFalse();
    assertThat(err.toString()).endsWith("[iapeer] run-infra: notifier-notes stopped: session ended\n");
  }

  @Test
  void aStopThatKillsTheLivenessCheckStillEndsTheSession() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    OneCheckFails host = new OneCheckFails(3, 0, stop);
    host.live(NOTES);
    assertThat(hold(host).hold(NOTES, cwd, Intelligence.ABSENT, stop)).isZero();
    assertThat(host.alive(NOTES)).isFalse();
    assertThat(err.toString()).doesNotContain("session ended —").endsWith("notifier-notes stopped: session ended\n");
  }

  @Test
  void oneFailedLivenessCheckIsNoDeath() throws Exception {
    OneCheckFails host = new OneCheckFails(2, 6, new CountDownLatch(1));
    host.live(NOTES);
    assertThat(hold(host).hold(NOTES, cwd, Intelligence.ABSENT, new CountDownLatch(1))).isZero();
    assertThat(host.checks.get()).isEqualTo(8); // 2 failed, 3 said live, 6 was the last live one, 7 and 8 dead
    assertThat(err.toString())
        .endsWith("notifier-notes session ended — exiting so the service manager starts it again\n");
  }

  @Test
  void aStopDuringTheBootRecheckEndsTheNewSessionToo() throws Exception {
    InMemorySessionHost host = new InMemorySessionHost();
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    assertThat(hold(host).hold(NOTES, cwd, Intelligence.ABSENT, stop)).isZero();
    assertThat(host.starts()).isEqualTo(1);
    assertThat(host.alive(NOTES)).isFalse();
  }
}
