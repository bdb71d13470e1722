package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.session.CommandRunner.Command;
import io.iapeer.host.session.CommandRunner.Result;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessCommandRunnerTest {
  private final ProcessCommandRunner runner = new ProcessCommandRunner(Duration.ofSeconds(5));

  @Test
  void stdinReachesTheCommandAndItsOutputComesBackAsUtf8() {
    Result r = runner.run(new Command(List.of("cat"), Optional.empty(), "héllo ✓\n"));

    assertThat(r).isEqualTo(new Result(0, "héllo ✓\n", ""));
  }

  @Test
  void stderrAndTheExitCodeAreKept() {
    Result r = runner.run(Command.of(List.of("/bin/sh", "-c", "echo oops >&2; exit 3")));

    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.failure()).isEqualTo("oops");
  }

  @Test
  void aSilentFailureIsNamedByItsExitCode() {
    assertThat(runner.run(Command.of(List.of("false"))).failure()).isEqualTo("exit 1");
  }

  @Test
  void aGivenEnvironmentReplacesTheInheritedOne() {
    Result r = runner.run(new Command(List.of("/usr/bin/env"), Optional.of(Map.of("ONLY", "me")), ""));

    assertThat(r.out()).isEqualTo("ONLY=me\n");
  }

  @Test
  void aHungCommandIsKilledAtTheTimeout() {
    ProcessCommandRunner quick = new ProcessCommandRunner(Duration.ofMillis(200));

    Result r = quick.run(Command.of(List.of("sleep", "30")));

    assertThat(r.ok()).isFalse();
    assertThat(r.failure()).isEqualTo("sleep timed out after 200 ms");
  }

  @Test
  void aCommandThatExitsWithoutReadingItsInputIsNotAnError() {
    Result r = runner.run(new Command(List.of("true"), Optional.empty(), "x".repeat(1 << 20)));

    assertThat(r.ok()).isTrue();
  }

  @Test
  void aMissingProgramIsAFailureNotAnException() {
    Result r = runner.run(Command.of(List.of("/nonexistent/tmux")));

    assertThat(r.exit()).isEqualTo(-1);
    assertThat(r.failure()).startsWith("cannot run /nonexistent/tmux");
  }
}
