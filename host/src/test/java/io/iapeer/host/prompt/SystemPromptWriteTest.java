package io.iapeer.host.prompt;

import static io.iapeer.core.peer.Intelligence.ARTIFICIAL;
import static io.iapeer.host.prompt.PromptHost.FACTS;
import static io.iapeer.host.prompt.PromptHost.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.RegistrySnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where and when the prompt is written (03 §8.7, acceptance case 28). */
class SystemPromptWriteTest {
  private static final Identity CLAUDE_BORIS = new Identity("claude", "boris");
  private static final RegistrySnapshot REGISTRY =
      new RegistrySnapshot(
          2, List.of(peer("boris", "claude", List.of("claude"), "PM partner", ARTIFICIAL)));

  @TempDir Path base;
  private PromptHost host;
  private Path stateDir;

  @BeforeEach
  void host() {
    host = new PromptHost(base);
    stateDir = host.layout.lifecycleStateDir();
  }

  private Optional<Path> write(Identity identity, RegistrySnapshot registry, HostFacts facts) {
    return SystemPrompt.writeFor(identity, host.layout, host.cwd, registry, facts);
  }

  @Test
  void case28_withoutALocalDoctrineThePeerIsBareAndNothingIsWritten() {
    host.global("IAPEER.md", "Host rules.\n").local("fragments/notes.md", "notes\n");

    assertThat(write(CLAUDE_BORIS, REGISTRY, FACTS)).isEmpty();
    assertThat(stateDir).doesNotExist();
  }

  @Test
  void case28_aDoctrinePeerGetsTheComposedPromptAsAPrivateStateFile() throws Exception {
    host.global("IAPEER.md", "Host rules.\n").local("IAPEER.md", "Be the implementer.\n");

    Path file = write(CLAUDE_BORIS, REGISTRY, FACTS).orElseThrow();

    assertThat(file).isEqualTo(stateDir.resolve("claude-boris.system-prompt.md"));
    assertThat(Files.readString(file))
        .isEqualTo(
            SystemPrompt.compose(host.layout, host.cwd, "boris", "PM partner", REGISTRY, FACTS))
        .contains("\ndescription: \"PM partner\"\n");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void case28_everyBringUpRewritesThePromptWithCurrentFragmentsAndDate() throws Exception {
    host.local("IAPEER.md", "Be the implementer.\n").local("fragments/memory.md", "day one\n");
    Path first = write(CLAUDE_BORIS, REGISTRY, FACTS).orElseThrow();

    host.local("fragments/memory.md", "day two\n");
    HostFacts tomorrow = new HostFacts("linux", "12", "alice", "vm", FACTS.today().plusDays(1));
    Path resumed = write(CLAUDE_BORIS, REGISTRY, tomorrow).orElseThrow();

    assertThat(resumed).isEqualTo(first);
    assertThat(Files.readString(resumed))
        .contains("today: \"2025-03-15\"", "day two")
        .doesNotContain("day one");
    try (Stream<Path> files = Files.list(stateDir)) {
      assertThat(files).containsExactly(resumed); // no temp file left behind
    }
  }

  @Test
  void anEmptyLocalDoctrineStillOpensTheGate() throws Exception {
    host.local("IAPEER.md", "");

    Path file = write(CLAUDE_BORIS, REGISTRY, FACTS).orElseThrow();

    assertThat(Files.readString(file)).doesNotContain("<!--").contains("## Known peers");
  }

  @Test
  void eachRuntimeOfAPeerHasItsOwnFile() {
    host.local("IAPEER.md", "Be the implementer.\n");

    assertThat(write(new Identity("codex", "boris"), REGISTRY, FACTS))
        .contains(stateDir.resolve("codex-boris.system-prompt.md"));
    assertThat(write(CLAUDE_BORIS, REGISTRY, FACTS))
        .contains(stateDir.resolve("claude-boris.system-prompt.md"));
  }

  @Test
  void theDescriptionComesFromTheRegistryAndIsEmptyForAnUnregisteredPeer() throws Exception {
    host.local("IAPEER.md", "Be the implementer.\n");

    Path file = write(CLAUDE_BORIS, RegistrySnapshot.empty(), FACTS).orElseThrow();

    assertThat(Files.readString(file)).contains("\ndescription: \"\"\n");
  }
}
