package io.iapeer.host.peer;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonUrlTest {
  @TempDir Path home;
  @TempDir Path root;

  private Env env(String... extra) {
    Env env =
        Env.of(
            "HOME", home.toString(), "IAPEER_ROOT", root.toString(), "IAPEER_TEST_SANDBOX", "1");
    for (int i = 0; i + 1 < extra.length; i += 2) {
      env = env.with(extra[i], extra[i + 1]);
    }
    return env;
  }

  private String url(String... extraEnv) {
    Env env = env(extraEnv);
    return DaemonUrl.of(Layout.from(env), new Settings(env));
  }

  private void routerJson(String text) throws Exception {
    Path file = Layout.from(env()).routerJson();
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void withoutRouterJsonTheUrlIsTheLoopbackDefaultOnPort8765() {
    assertThat(url()).isEqualTo("http://127.0.0.1:8765/mcp");
  }

  @Test
  void iapeerPortChoosesThePortOfTheDefaultUrl() {
    assertThat(url("IAPEER_PORT", "9999")).isEqualTo("http://127.0.0.1:9999/mcp");
  }

  @Test
  void theTcpFieldOfRouterJsonWinsOverThePort() throws Exception {
    routerJson("{\"sock\": \"/x/router.sock\", \"tcp\": \"http://127.0.0.1:4321/mcp\"}");

    assertThat(url("IAPEER_PORT", "9999")).isEqualTo("http://127.0.0.1:4321/mcp");
  }

  @Test
  void aCorruptRouterJsonFallsBackToTheDefault() throws Exception {
    routerJson("{\"tcp\": \"http://127.0.0.1:4321/mcp\"");

    assertThat(url()).isEqualTo("http://127.0.0.1:8765/mcp");
  }

  @Test
  void aBlankOrNonStringTcpFallsBackToTheDefault() throws Exception {
    routerJson("{\"tcp\": \"  \"}");
    assertThat(url()).isEqualTo("http://127.0.0.1:8765/mcp");

    routerJson("{\"tcp\": 4321}");
    assertThat(url()).isEqualTo("http://127.0.0.1:8765/mcp");

    routerJson("[\"http://127.0.0.1:4321/mcp\"]");
    assertThat(url()).isEqualTo("http://127.0.0.1:8765/mcp");
  }
}
