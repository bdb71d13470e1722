package io.iapeer.host.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.testing.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {
  @TempDir Path tmp;
  Sandbox sandbox;
  Path checkout;

  @BeforeEach
  void setUp() throws IOException {
    sandbox = new Sandbox(tmp.resolve("s"));
    checkout = tmp.resolve("checkout");
    Files.createDirectories(checkout.resolve("bin"));
    Files.createDirectories(checkout.resolve("host/target/lib"));
    Files.writeString(checkout.resolve("bin/iapeer"), "#!/bin/sh\n" + Installer.BAKED + "\necho hi\n");
    Files.writeString(checkout.resolve("bin/java-home"), "#!/bin/sh\n");
    Files.writeString(checkout.resolve("host/target/iapeer-host.jar"), "main");
    Files.writeString(checkout.resolve("host/target/lib/dep.jar"), "dep");
    sandbox.env("IAPEER_BIN_DIR", tmp.resolve("bin").toString())
        .env("IAPEER_INSTALL_DIR", tmp.resolve("share").toString())
        .env("IAPEER_LAUNCHER", checkout.resolve("bin/iapeer").toString());
  }

  private Installer installer() {
    return new Installer(sandbox.layout(), Path.of("/opt/jdk-25"));
  }

  @Test
  void aCheckoutIsInstalledAsAVersionWithTheJdkBakedInAndLinked() throws IOException {
    Layout layout = sandbox.layout();
    Installer.Installed done = installer().install(Distribution.running(layout), "1.2.3");

    Path version = tmp.resolve("share/1.2.3");
    assertThat(done.unchanged()).isFalse();
    assertThat(done.previousKept()).isFalse();
    assertThat(Files.readSymbolicLink(tmp.resolve("bin/iapeer"))).isEqualTo(version.resolve("bin/iapeer"));
    assertThat(Files.readString(version.resolve("bin/iapeer")))
        .contains("IAPEER_JAVA_HOME_BAKED=\"/opt/jdk-25\"")
        .doesNotContain(Installer.BAKED);
    assertThat(Files.isExecutable(version.resolve("bin/iapeer"))).isTrue();
    assertThat(version.resolve("lib/iapeer-host.jar")).hasContent("main");
    assertThat(version.resolve("lib/dep.jar")).hasContent("dep");
    assertThat(Files.exists(tmp.resolve("bin/iapeer.prev"))).isFalse();
  }

  @Test
  void theSameInstallTwiceChangesNothingTheSecondTime() throws IOException {
    Distribution dist = Distribution.running(sandbox.layout());
    installer().install(dist, "1.2.3");
    Path jar = tmp.resolve("share/1.2.3/lib/iapeer-host.jar");
    FileTime before = Files.getLastModifiedTime(jar);
    Files.setLastModifiedTime(jar, FileTime.fromMillis(before.toMillis() - 60_000));

    Installer.Installed again = installer().install(dist, "1.2.3");

    assertThat(again.unchanged()).isTrue();
    assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(before.toMillis() - 60_000);
  }

  @Test
  void anInstalledBinaryInstallsItselfWithoutTheSourceTree() throws IOException {
    installer().install(Distribution.running(sandbox.layout()), "1.2.3");
    sandbox.env("IAPEER_LAUNCHER", tmp.resolve("share/1.2.3/bin/iapeer").toString());

    Installer.Installed again = installer().install(Distribution.running(sandbox.layout()), "1.2.3");

    assertThat(again.unchanged()).isTrue();
  }

  @Test
  void aNewVersionKeepsTheLinkItReplacesAsPrevAndRollbackGoesBack() throws IOException {
    Distribution dist = Distribution.running(sandbox.layout());
    installer().install(dist, "1.0.0");
    Installer.Installed second = installer().install(dist, "2.0.0");

    Path bin = tmp.resolve("bin/iapeer");
    assertThat(second.previousKept()).isTrue();
    assertThat(Files.readSymbolicLink(bin.resolveSibling("iapeer.prev")))
        .isEqualTo(tmp.resolve("share/1.0.0/bin/iapeer"));

    Path now = Rollback.toPrevious(sandbox.layout());

    assertThat(now).isEqualTo(tmp.resolve("share/1.0.0/bin/iapeer"));
    assertThat(Files.readSymbolicLink(bin)).isEqualTo(tmp.resolve("share/1.0.0/bin/iapeer"));
    assertThat(Files.isDirectory(tmp.resolve("share/2.0.0"))).as("the newer version stays").isTrue();
  }

  @Test
  void rollbackWithoutAPreviousInstallSaysSoAndChangesNothing() throws IOException {
    installer().install(Distribution.running(sandbox.layout()), "1.0.0");

    assertThatThrownBy(() -> Rollback.toPrevious(sandbox.layout()))
        .isInstanceOf(IapException.class)
        .hasMessage("rollback failed: no previous binary at " + tmp.resolve("bin/iapeer.prev")
            + " — nothing to roll back to");
    assertThat(Files.readSymbolicLink(tmp.resolve("bin/iapeer"))).isEqualTo(tmp.resolve("share/1.0.0/bin/iapeer"));
  }

  @Test
  void underTheSandboxTheDefaultBinDirIsRefusedBeforeAnythingIsWritten() {
    sandbox.env("IAPEER_BIN_DIR", null);

    assertThatThrownBy(() -> installer().install(Distribution.running(sandbox.layout()), "1.0.0"))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("refusing to overwrite the REAL prod binary (" + sandbox.home.resolve(".local/bin/iapeer"))
        .hasMessageEndingWith("set IAPEER_BIN_DIR to an isolated path");
    assertThat(tmp.resolve("share")).doesNotExist();
  }

  @Test
  void aCheckoutThatWasNotBuiltIsReported() throws IOException {
    Files.delete(checkout.resolve("host/target/iapeer-host.jar"));

    assertThatThrownBy(() -> Distribution.running(sandbox.layout()))
        .isInstanceOf(IapException.class)
        .hasMessage("no built program at " + checkout.resolve("host/target/iapeer-host.jar")
            + " — build it first (./install.sh)");
  }
}
