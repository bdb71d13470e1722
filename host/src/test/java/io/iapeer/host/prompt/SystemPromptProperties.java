package io.iapeer.host.prompt;

import static io.iapeer.host.prompt.PromptHost.FACTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The joining rules of 03 §8.6 over random hosts: whatever trailing newlines, presence markers and
 * empty layers the files bring, the seams are one blank line and the prompt ends with one newline.
 * File texts never hold three newlines themselves — the rule is about the seams, not the content.
 */
class SystemPromptProperties {
  private static final List<String> PATHS =
      List.of(
          "IAPEER.md", "iapeer.md", "AAA.md", "MEMORY.md", "notes.MD", "notes.txt",
          "fragments/a.md", "fragments/B.md", "fragments/zz.md", "fragments/x.txt");

  @TempDir Path base;
  private final AtomicInteger examples = new AtomicInteger();

  /** One file to write: a path from {@link #PATHS}, on the global or the local side. */
  record FileSpec(String path, boolean global, String text) {}

  record Host(String description, List<FileSpec> files, List<PeerRecord> peers) {}

  @Test
  void theSeamsAreSingleBlankLinesAndThePromptEndsWithOneNewline() {
    qt().withExamples(200)
        .forAll(hosts())
        .checkAssert(
            h -> {
              String prompt = compose(h);

              assertThat(prompt).startsWith("---\n").endsWith("\n").doesNotEndWith("\n\n");
              assertThat(prompt).doesNotContain("\n\n\n");
              String afterYaml = prompt.substring(prompt.indexOf("\n---\n") + "\n---\n".length());
              assertThat(afterYaml).satisfiesAnyOf(
                  rest -> assertThat(rest).isEmpty(),
                  rest -> assertThat(rest).startsWith("\n").doesNotStartWith("\n\n"));
            });
  }

  private String compose(Host h) {
    PromptHost host = new PromptHost(base.resolve("host-" + examples.incrementAndGet()));
    for (FileSpec f : h.files()) {
      if (f.global()) {
        host.global(f.path(), f.text());
      } else {
        host.local(f.path(), f.text());
      }
    }
    RegistrySnapshot registry = new RegistrySnapshot(2, h.peers());
    return SystemPrompt.compose(host.layout, host.cwd, "boris", h.description(), registry, FACTS);
  }

  private static Gen<Host> hosts() {
    Gen<FileSpec> file =
        Generate.pick(PATHS).zip(Generate.booleans(), fileTexts(), FileSpec::new);
    Gen<PeerRecord> peer =
        Generate.pick(List.of("ann", "bo-x", "boris", "nova"))
            .zip(
                YamlStringProperties.anyText(),
                (name, description) ->
                    PromptHost.peer(
                        name, "claude", List.of("claude"), description.replace('\n', ' '),
                        Intelligence.ARTIFICIAL));
    return YamlStringProperties.anyText()
        .zip(
            lists().of(file).ofSizeBetween(0, 12),
            lists().of(peer).ofSizeBetween(0, 3),
            Host::new);
  }

  /**
   * Text without a run of three newlines or a leading blank line, then 0–4 trailing newlines; an
   * empty body makes a presence marker.
   */
  private static Gen<String> fileTexts() {
    Gen<String> body =
        lists()
            .of(Generate.pick(List.of("a", "b", " ", "\n", "\r", "—", "#", "<!--")))
            .ofSizeBetween(0, 20)
            .map(parts -> String.join("", parts))
            .assuming(b -> !b.contains("\n\n\n") && !b.startsWith("\n\n"));
    return body.zip(integers().between(0, 4), (b, n) -> b + "\n".repeat(n));
  }
}
