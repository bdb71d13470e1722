package io.iapeer.host.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The first message of a woken session, 03 §9.2 step 14 (case 34). */
class FirstMessageTest {
  @Test
  void case34_theSeedLeadsOnlyAFreshSession() {
    assertThat(FirstMessage.compose(true, Optional.of("seed"), "task")).isEqualTo("seed\n\ntask");
    assertThat(FirstMessage.compose(false, Optional.of("seed"), "task")).isEqualTo("task");
    assertThat(FirstMessage.compose(true, Optional.empty(), "task")).isEqualTo("task");
    assertThat(FirstMessage.compose(true, Optional.of("seed"), "")).isEqualTo("seed");
    assertThat(FirstMessage.compose(false, Optional.of("seed"), "")).isEmpty();
    assertThat(FirstMessage.compose(true, Optional.empty(), "")).isEmpty();
  }
}
