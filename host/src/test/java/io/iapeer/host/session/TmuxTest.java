package io.iapeer.host.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.host.session.CommandRunner.Command;
import io.iapeer.host.session.CommandRunner.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The argv every tmux call is made of. */
class TmuxTest {
  private final List<Command> seen = new ArrayList<>();
  private final Tmux tmux = new Tmux(c -> {
    seen.add(c);
    return new Result(0, "", "");
  }, Path.of("/s/tmux-iap-claude-bob.sock"));

  @Test
  void everyCallNamesTheSocketAndNoConfigFile() {
    tmux.run("has-session", "-t", "=claude-bob");

    assertThat(seen.getFirst().argv())
        .containsExactly(
            "tmux", "-S", "/s/tmux-iap-claude-bob.sock", "-f", "/dev/null", "has-session", "-t", "=claude-bob");
  }

  @Test
  void aSequenceIsSeparatedBySemicolonsAndRunsWithExactlyTheGivenEnvironment() {
    tmux.sequence(Map.of("A", "1"), List.of(List.of("bind-key", "x"), List.of("new-session", "-d")));

    assertThat(seen.getFirst().argv()).endsWith("bind-key", "x", ";", "new-session", "-d");
    assertThat(seen.getFirst().env()).contains(Map.of("A", "1"));
  }

  @Test
  void aTrailingSemicolonIsEscapedSoTmuxKeepsItAsText() {
    assertThat(Tmux.literal(";")).isEqualTo("\\;");
    assertThat(Tmux.literal("a;")).isEqualTo("a\\;");
    assertThat(Tmux.literal("a\\;")).isEqualTo("a\\\\;");
    assertThat(Tmux.literal("a;b")).isEqualTo("a;b");
  }
}
