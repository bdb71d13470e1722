package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.security.auth.module.UnixSystem;
import io.iapeer.core.settings.Env;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Root resolution (01 §7.1), case 48, and the socket dir of 01 case 5 as amended by 06 D7. */
class LayoutTest {
  private static final String HOME = "/home/tester";

  private static Path sockDir(String... env) {
    return Layout.from(Env.of(env)).sockDir();
  }

  @Test
  void anExplicitSockDirIsUsed() {
    assertThat(sockDir("HOME", HOME, "IAPEER_SOCK_DIR", "/tmp/sbx/socks"))
        .isEqualTo(Path.of("/tmp/sbx/socks"));
  }

  @Test
  void anExplicitSockDirIsTrimmed() {
    assertThat(sockDir("HOME", HOME, "IAPEER_SOCK_DIR", "  /tmp/sbx/socks \n"))
        .isEqualTo(Path.of("/tmp/sbx/socks"));
  }

  @Test
  void anExplicitRootImpliesItsSocksDir() {
    assertThat(sockDir("HOME", HOME, "IAPEER_ROOT", "/tmp/sbx/iapeer"))
        .isEqualTo(Path.of("/tmp/sbx/iapeer/socks"));
  }

  @Test
  void anExplicitSockDirWinsOverTheRoot() {
    assertThat(
            sockDir(
                "HOME", HOME,
                "IAPEER_ROOT", "/tmp/sbx/iapeer",
                "IAPEER_SOCK_DIR", "/tmp/sbx/socks",
                "XDG_RUNTIME_DIR", "/run/user/1000"))
        .isEqualTo(Path.of("/tmp/sbx/socks"));
  }

  @Test
  void anExplicitRootWinsOverXdgRuntimeDir() {
    assertThat(
            sockDir(
                "HOME", HOME,
                "IAPEER_ROOT", "/tmp/sbx/iapeer",
                "XDG_RUNTIME_DIR", "/run/user/1000"))
        .isEqualTo(Path.of("/tmp/sbx/iapeer/socks"));
  }

  @Test
  void withNeitherTheXdgRuntimeDirIsUsed() {
    assertThat(sockDir("HOME", HOME, "XDG_RUNTIME_DIR", "/run/user/1000"))
        .isEqualTo(Path.of("/run/user/1000/iapeer"));
  }

  @Test
  void withNeitherAndNoXdgRuntimeDirAPerUserTmpDirIsUsed() {
    Path expected = Path.of("/tmp/iapeer-" + new UnixSystem().getUid());
    assertThat(sockDir("HOME", HOME)).isEqualTo(expected);
    assertThat(sockDir()).isEqualTo(expected);
    assertThat(expected.toString()).matches("/tmp/iapeer-[0-9]+");
  }

  @Test
  void blankValuesCountAsUnset() {
    assertThat(
            sockDir(
                "HOME", HOME,
                "IAPEER_SOCK_DIR", "  ",
                "IAPEER_ROOT", "",
                "XDG_RUNTIME_DIR", "/run/user/1000"))
        .isEqualTo(Path.of("/run/user/1000/iapeer"));
    assertThat(sockDir("HOME", HOME, "IAPEER_SOCK_DIR", "", "XDG_RUNTIME_DIR", " \t"))
        .isEqualTo(Path.of("/tmp/iapeer-" + new UnixSystem().getUid()));
  }

  @Test
  void anExplicitRootHoldsThePeersHomeAndDefaultPeerFolders() {
    Path r = Path.of("/tmp/case48");
    Layout layout =
        Layout.from(Env.of("HOME", HOME, "IAPEER_ROOT", r.resolve("iapeer").toString()));
    assertThat(layout.peersHome()).isEqualTo(r.resolve("iapeer/peers"));
    assertThat(layout.defaultPeerFolder("worker")).isEqualTo(r.resolve("iapeer/peers/worker"));
  }

  @Test
  void withoutAnExplicitRootTheRootIsDotIapeerInHome() {
    Layout layout = Layout.from(Env.of("HOME", HOME));
    assertThat(layout.root()).isEqualTo(Path.of(HOME, ".iapeer"));
    assertThat(layout.explicitRoot()).isFalse();
    assertThat(layout.peersHome()).isEqualTo(Path.of(HOME, ".iapeer", "peers"));
  }

  @Test
  void aBlankRootCountsAsUnset() {
    Layout layout = Layout.from(Env.of("HOME", HOME, "IAPEER_ROOT", "  "));
    assertThat(layout.root()).isEqualTo(Path.of(HOME, ".iapeer"));
    assertThat(layout.explicitRoot()).isFalse();
  }

  @Test
  void anExplicitRootIsTrimmedAndUsedAsGiven() {
    Layout layout = Layout.from(Env.of("HOME", HOME, "IAPEER_ROOT", " sbx/iapeer "));
    assertThat(layout.root()).isEqualTo(Path.of("sbx/iapeer"));
    assertThat(layout.explicitRoot()).isTrue();
  }

  @Test
  void aBlankHomeFallsBackToTheOsUserHome() {
    Layout layout = Layout.from(Env.of("HOME", " "));
    assertThat(layout.root()).isEqualTo(Path.of(System.getProperty("user.home"), ".iapeer"));
  }

  @Test
  void theRouterSocketSitsInTheDaemonStateDirUnlessMoved() {
    assertThat(Layout.from(Env.of("HOME", HOME)).routerSocket())
        .isEqualTo(Path.of(HOME, ".iapeer/state/iapeer/router.sock"));
    assertThat(Layout.from(Env.of("HOME", HOME, "IAPEER_DAEMON_SOCKET", " /run/x.sock ")).routerSocket())
        .isEqualTo(Path.of("/run/x.sock"));
  }
}
