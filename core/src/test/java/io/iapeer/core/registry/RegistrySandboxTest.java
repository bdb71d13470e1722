package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance case 17 of 01 §20: a sandboxed test can never write the real registry (§14.6). */
class RegistrySandboxTest {
  @TempDir Path tmp;

  Registry registry(Env env) {
    return new Registry(Layout.from(env), new ArrayList<String>()::add);
  }

  @Test
  void case17_the_flag_refuses_the_home_registry_and_allows_an_explicit_root() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path cwd = Files.createDirectories(tmp.resolve("peers/nova"));
    UpsertRequest nova = UpsertRequest.of("nova", "claude", cwd);

    Registry real = registry(Env.of("HOME", home.toString(), "IAPEER_TEST_SANDBOX", "1"));
    assertThatThrownBy(() -> real.upsert(nova))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("refusing to write the REAL registry")
        .hasMessageContaining(home.resolve(".iapeer").toString());
    assertThat(home.resolve(".iapeer")).doesNotExist();

    Path sbx = tmp.resolve("sbx");
    registry(
            Env.of(
                "HOME", home.toString(), "IAPEER_ROOT", sbx.toString(), "IAPEER_TEST_SANDBOX", "1"))
        .upsert(nova);
    assertThat(sbx.resolve("peers-profiles.json")).exists();

    Path explicit = tmp.resolve("explicit");
    registry(Env.of("HOME", home.toString(), "IAPEER_ROOT", explicit.toString())).upsert(nova);
    assertThat(explicit.resolve("peers-profiles.json")).exists();
    assertThat(home.resolve(".iapeer")).doesNotExist();
  }
}
