package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IAPEER_SERVICE_MANAGER=none (04 §4.4): nothing is defined, and every answer says where to run the daemon. */
class NoneManagerTest {
  private static final String ADVICE =
      "no service manager (IAPEER_SERVICE_MANAGER=none) — run `iapeer daemon` under this host's own supervisor";

  @TempDir Path tmp;

  @Test
  void everyOperationIsSkippedAsUnsupportedWithTheAdvice() {
    NoneManager none = new NoneManager(Layout.from(Specs.env(tmp)));
    String label = Labels.peer("timer");

    assertThat(List.of(none.bootstrap(label), none.bootout(label), none.cycle(label), none.remove(label)))
        .containsOnly(new ServiceResult(State.SKIPPED_UNSUPPORTED, ADVICE));
    assertThat(none.isLoaded(label)).isFalse();
    assertThat(none.isManaged("timer")).isFalse();
    assertThat(none.startHint(label)).isEqualTo(ADVICE);
    assertThat(none.restartHint(label)).isEqualTo(ADVICE);
    assertThat(none.name()).isEqualTo("none");
  }

  @Test
  void writingADefinitionIsRefusedAndWritesNothing() {
    NoneManager none = new NoneManager(Layout.from(Specs.env(tmp)));
    ServiceSpec spec = Specs.daemon(tmp);

    assertThatThrownBy(() -> none.write(spec))
        .isInstanceOf(IapException.class)
        .hasMessage("cannot define service com.agfpd.iapeer: " + ADVICE);
    assertThatThrownBy(() -> none.render(spec)).isInstanceOf(IapException.class);
    assertThat(Files.exists(none.definitionPath(spec.label()))).isFalse();
  }
}
