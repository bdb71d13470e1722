package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * The typing tests again, on the daemon's host: once a session is seen alive, its control client
 * carries every read and every keystroke, and no tmux client process is started for them.
 */
class ControlClientTypingTest extends TmuxSessionHostTypingTest {
  private final List<List<String>> processes = new ArrayList<>();
  private TmuxSessionHost controlled;
  private boolean attached;

  @Override
  SessionHost host(TmuxSandbox sandbox) {
    ProcessCommandRunner real = new ProcessCommandRunner(Duration.ofSeconds(10));
    controlled = new TmuxSessionHost(sandbox.layout, c -> {
      synchronized (processes) {
        processes.add(c.argv());
      }
      return real.run(c);
    }, Optional.of(new ControlClients()));
    return controlled;
  }

  @Override
  void start(SessionSpec spec) {
    super.start(spec);
    assertThat(host.alive(ID)).isTrue();
    await().until(() -> tmux.tmux(ID, "list-clients", "-F", "#{client_flags}").contains("no-output"));
    synchronized (processes) {
      processes.clear();
    }
    attached = true;
  }

  @AfterEach
  void noTmuxProcessWasStartedOnceTheClientWasAttached() {
    controlled.closeControlClients();
    if (attached) {
      synchronized (processes) {
        assertThat(processes).isEmpty();
      }
    }
  }
}
