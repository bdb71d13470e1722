package io.iapeer.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.testing.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged program through the checkout launcher {@code bin/iapeer}, as a user runs it: a
 * fresh process per verb, real exit codes, nothing but the launcher between us and the jar.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of("..", "bin", "iapeer").toAbsolutePath().normalize();

  record Result(int code, String out, String err) {}

  static Result iapeer(Sandbox sb, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(LAUNCHER.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(sb.cwd().toFile());
    pb.environment().clear();
    pb.environment().putAll(sb.env().vars());
    // The launcher needs the usual tools; the stand-in agent CLIs stay first on PATH.
    pb.environment().put("PATH", sb.bin + ":/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void aNewUserCreatesListsVerifiesAndRemovesPeersThroughTheLauncher(@TempDir Path tmp) throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");

    Result version = iapeer(sb, "version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).matches("\\d+\\.\\d+\\.\\d+.*\\n");

    Result alice = iapeer(sb, "create", "Alice", "--description", "Reviews pull requests");
    assertThat(alice.code()).as(alice.err()).isZero();
    assertThat(alice.out()).startsWith("created \"alice\" (default: claude; runtimes: claude) at ");
    Result maria = iapeer(sb, "create", "Мария");
    assertThat(maria.code()).as(maria.err()).isZero();
    assertThat(maria.out()).startsWith("created \"mariya\"");

    Result list = iapeer(sb, "list");
    assertThat(list.out()).isEqualTo(
        "alice   [claude]  artificial  ○ claude\n"
            + "mariya  [claude]  artificial  ○ claude\n");
    assertThat(iapeer(sb, "list", "--json").out()).contains("\"description\": \"Reviews pull requests\"");
    Result verify = iapeer(sb, "verify");
    assertThat(verify.code()).isZero();
    assertThat(verify.out()).isEqualTo("2 peers · 0 error(s) · 0 index↔local drift(s)\n");

    Result remove = iapeer(sb, "remove", "alice");
    assertThat(remove.code()).isZero();
    assertThat(remove.out()).startsWith("removed \"alice\" from the registry\n");
    assertThat(sb.root.resolve("peers/alice/.iapeer/peer-profile.json")).exists();
    assertThat(iapeer(sb, "list").out()).doesNotContain("alice");
  }

  @Test
  void badInputExitsWithOneLineAndTheRightCode(@TempDir Path tmp) throws Exception {
    Sandbox sb = new Sandbox(tmp).installed("claude");
    Result unknownFlag = iapeer(sb, "create", "x", "--bogus");
    assertThat(unknownFlag.code()).isEqualTo(2);
    assertThat(unknownFlag.err().lines()).hasSize(1);
    Result badName = iapeer(sb, "create", "😀");
    assertThat(badName.code()).isEqualTo(1);
    assertThat(badName.err().lines()).singleElement().asString().contains("invalid personality");
    assertThat(Files.exists(sb.root)).isFalse();
  }
}
