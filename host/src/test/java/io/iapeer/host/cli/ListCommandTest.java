package io.iapeer.host.cli;

import static io.iapeer.host.cli.Fixtures.snapshot;
import static io.iapeer.host.cli.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.storage.Json;
import io.iapeer.host.testing.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code iapeer list [--json]} when not on a terminal (04 §3.13, acceptance cases 13, 14). */
class ListCommandTest {
  @TempDir(factory = FastTempDir.class) Path tmp;

  private Sandbox host() {
    return new Sandbox(tmp).installed("claude");
  }

  private static void ok(Sandbox.Run r) {
    assertThat(r.code()).as(r.err()).isZero();
  }

  private Path stopFlag(Sandbox sb, String identity) {
    return write(sb.root.resolve("state/lifecycle/" + identity + ".stopped"), "");
  }

  private Path paneLog(Sandbox sb, String identity, long epochSecond) throws Exception {
    Path log = write(sb.root.resolve("logs/lifecycle/" + identity + ".log"), "output\n");
    Files.setLastModifiedTime(log, FileTime.from(Instant.ofEpochSecond(epochSecond)));
    return log;
  }

  // --- parse ---

  @Test
  void jsonIsTheOnlyOption() {
    assertThat(Fixtures.parse(ListCommand.class, "list").json).isFalse();
    assertThat(Fixtures.parse(ListCommand.class, "list", "--json").json).isTrue();
    assertThatThrownBy(() -> Fixtures.parse(ListCommand.class, "list", "boris"))
        .isInstanceOf(CommandLine.ParameterException.class);
    assertThatThrownBy(() -> Fixtures.parse(ListCommand.class, "list", "--all"))
        .isInstanceOf(CommandLine.ParameterException.class);
  }

  // --- run ---

  @Test
  void anEmptyRegistryIsExactlyOneLine() {
    Sandbox sb = host();
    Map<String, String> before = snapshot(sb.base);
    Sandbox.Run r = sb.run("list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("no peers registered\n");
    assertThat(r.err()).isEmpty();
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }

  @Test
  void anEmptyRegistryInJsonIsAnEmptyArray() {
    Sandbox.Run r = host().run("list", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("[]\n");
  }

  @Test
  void aStopFlagShowsAsStoppedAndEverythingElseAsAsleep() {
    Sandbox sb = host();
    ok(sb.run("create", "alpha"));
    ok(sb.run("create", "beta"));
    stopFlag(sb, "claude-beta");
    Sandbox.Run r = sb.run("list");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            """
            alpha  [claude]  artificial  ○ claude
            beta   [claude]  artificial  ✕ claude
            """);
  }

  @Test
  void columnsArePaddedToTheWidestValueAndRuntimesFollowInDeclaredOrder() throws Exception {
    Sandbox sb = host().installed("codex");
    ok(sb.run("create", "al", "--runtime", "codex"));
    ok(sb.run("create", "bartholomew"));
    Fixtures.seedPeer(sb, "nova", "telegram", "natural");
    stopFlag(sb, "claude-al");
    Sandbox.Run r = sb.run("list");
    assertThat(r.out())
        .isEqualTo(
            """
            al           [codex]     artificial  ○ codex  ✕ claude
            bartholomew  [claude]    artificial  ○ claude  ○ codex
            nova         [telegram]  natural     ○ telegram
            """);
  }

  @Test
  void theRuntimeWithTheNewestPaneLogIsLastActive() throws Exception {
    Sandbox sb = host().installed("codex");
    ok(sb.run("create", "alpha"));
    ok(sb.run("create", "beta"));
    paneLog(sb, "claude-alpha", 1_700_000_000L);
    paneLog(sb, "codex-alpha", 1_700_000_100L);
    paneLog(sb, "claude-beta", 1_700_000_200L);
    assertThat(sb.run("list").out())
        .isEqualTo(
            """
            alpha  [claude]  artificial  ○ claude  ○ codex  last-active:codex
            beta   [claude]  artificial  ○ claude  ○ codex  last-active:claude
            """);

    JsonNode alpha = Json.parse(sb.run("list", "--json").out()).get(0);
    assertThat(alpha.get("last_active_runtime").asString()).isEqualTo("codex");
    assertThat(alpha.get("last_active_ms").asLong()).isEqualTo(1_700_000_100_000L);
  }

  @Test
  void jsonIsAPrettyArrayOfOneObjectPerPeer() {
    Sandbox sb = host();
    ok(sb.run("create", "alpha", "--description", "first"));
    stopFlag(sb, "claude-alpha");
    Path cwd = sb.root.resolve("peers/alpha");
    Sandbox.Run r = sb.run("list", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            [
              {
                "personality": "alpha",
                "default_runtime": "claude",
                "intelligence": "artificial",
                "description": "first",
                "cwd": "%s",
                "runtimes": [
                  {
                    "runtime": "claude",
                    "status": "stopped"
                  }
                ]
              }
            ]
            """
                .formatted(cwd));
  }

  @Test
  void legacyIntelligenceWordsAreShownNormalized() {
    Sandbox sb = host();
    Fixtures.seedPeer(sb, "nova", "telegram", "human");
    JsonNode nova = Json.parse(sb.run("list", "--json").out()).get(0);
    assertThat(nova.get("intelligence").asString()).isEqualTo("natural");
    assertThat(sb.run("list").out()).contains(" natural ");
  }

  @Test
  void listingChangesNothing() {
    Sandbox sb = host();
    ok(sb.run("create", "alpha"));
    Map<String, String> before = snapshot(sb.base);
    for (List<String> args : List.of(List.of("list"), List.of("list", "--json"))) {
      ok(sb.run(args.toArray(String[]::new)));
    }
    assertThat(snapshot(sb.base)).isEqualTo(before);
  }
}
