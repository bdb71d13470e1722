package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.PidFile;
import io.iapeer.host.testing.HoldLock;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iapeer service-host}'s refusals, in-process: the ones that come before it runs anything. */
class ServiceHostCommandTest {
  @TempDir Path tmp;

  @Test
  void aSandboxThatDidNotOptInNeverRunsTheSupervisor() {
    Sandbox sb = new Sandbox(tmp);
    Sandbox.Run r = sb.run("service-host", "--foreground");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("iapeer service-host: refusing to run the service host:"
        + " IAPEER_TEST_SANDBOX=1 and no IAPEER_TEST_SUPERVISOR=1\n");
    assertThat(sb.root).doesNotExist();
  }

  @Test
  void aSecondServiceHostExitsAtOnceNamingTheOneThatRuns() throws Exception {
    Sandbox sb = new Sandbox(tmp).env("PATH", "/usr/bin:/bin").env("IAPEER_TEST_SUPERVISOR", "1");
    Layout layout = sb.layout();
    Process holder = HoldLock.start(layout.serviceHostLock());
    try {
      PidFile.write(layout.serviceHostPid(), holder.pid());
      Sandbox.Run r = sb.run("service-host");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("iapeer service-host: another service host is running (pid " + holder.pid()
          + ") — it holds " + layout.serviceHostLock() + "\n");
    } finally {
      holder.destroyForcibly().waitFor();
    }
  }

  @Test
  void helpTellsContainersToRunItUnderAnInit() {
    Sandbox.Run r = new Sandbox(tmp).run("service-host", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("usage: iapeer service-host [--foreground]\n")
        .contains("`docker run --init`, or tini").contains("--foreground");
  }
}
