package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The read table of 01 §14.3: compatibility with older files, and corruption reported as is. */
class RegistryReadTest {
  @TempDir Path tmp;

  @Test
  void an_absent_file_reads_as_an_empty_version_2_registry_and_creates_nothing() {
    Sandbox box = new Sandbox(tmp);

    assertThat(box.registry.read()).isEqualTo(new RegistrySnapshot(2, List.of()));
    assertThat(box.root).doesNotExist();
  }

  @Test
  void case15_legacy_words_and_legacy_runtime_keys_read_as_the_contract_values() {
    Sandbox box = new Sandbox(tmp);
    box.seed(
        """
        {"version": 1, "peers": [
          {"personality": "alice", "runtime": "telegram", "intelligence": "human",
           "cwd": "/p/alice"},
          {"personality": "timer", "runtime": "notifier", "intelligence": "scripted",
           "cwd": "/p/timer"},
          {"personality": "boris", "runtime": "claude", "runtimes": ["codex"],
           "intelligence": "artificial", "cwd": "/p/boris"}]}
        """);

    RegistrySnapshot s = box.registry.read();
    assertThat(s.version()).isEqualTo(2);
    assertThat(s.peers())
        .extracting(PeerRecord::intelligence)
        .containsExactly(Intelligence.NATURAL, Intelligence.ABSENT, Intelligence.ARTIFICIAL);
    assertThat(s.peers())
        .extracting(PeerRecord::runtime)
        .containsExactly("telegram", "notifier", "claude");
    assertThat(s.find("boris").orElseThrow().runtimes()).containsExactly("claude", "codex");

    box.seed(
        """
        {"peers": [{"personality": "x", "runtime": "claude", "intelligence": "bogus",
                    "cwd": "/p/x"}]}
        """);
    assertThatThrownBy(box.registry::read)
        .isInstanceOf(IapException.class)
        .hasMessageContaining("intelligence")
        .hasMessageContaining("\"bogus\"");
  }

  static Stream<Arguments> corruptFiles() {
    return Stream.of(
        corrupt("invalid JSON", "{'peers': [", "corrupted, restore from backup or delete"),
        corrupt("an empty file", "", "corrupted, restore from backup or delete"),
        corrupt("a root that is not an object", "[]", "corrupted, restore from backup or delete"),
        corrupt(
            "an entry that is not an object",
            "{'peers': [42]}",
            "corrupted: peer entry is not an object"),
        corrupt(
            "a duplicate personality",
            "{'peers': [" + peer("nova", "claude") + ", " + peer("nova", "codex") + "]}",
            "corrupted: duplicate peer 'nova'"),
        corrupt(
            "an unrecognized intelligence",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'claude',"
                + " 'intelligence': 'sentient', 'cwd': '/p/nova'}]}",
            "corrupted: peer 'nova' intelligence must be one of artificial|natural|absent"),
        corrupt(
            "a non-string intelligence",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'claude',"
                + " 'intelligence': true, 'cwd': '/p/nova'}]}",
            "got true"),
        corrupt(
            "an invalid personality",
            "{'peers': [" + peer("Nova", "claude") + "]}",
            "corrupted: peer personality must match /^[a-z][a-z0-9-]{0,31}$/, got 'Nova'"),
        corrupt(
            "a personality with a trailing newline",
            "{'peers': [" + peer("nova\\n", "claude") + "]}",
            "got 'nova\\n'"),
        corrupt(
            "an invalid default runtime that hides a valid legacy one",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'no-dash',"
                + " 'runtime': 'claude', 'cwd': '/p/nova'}]}",
            "corrupted: peer 'nova' default_runtime must match"),
        corrupt(
            "no runtime at all",
            "{'peers': [{'personality': 'nova', 'cwd': '/p/nova'}]}",
            "default_runtime must match /^[a-z][a-z0-9]{0,31}$/, got nothing"),
        corrupt(
            "an invalid runtimes item",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'claude',"
                + " 'runtimes': ['Codex'], 'cwd': '/p/nova'}]}",
            "invalid runtime 'Codex' — must match"),
        corrupt(
            "a blank cwd",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'claude', 'cwd': ' '}]}",
            "corrupted: peer 'nova' cwd is required"),
        corrupt(
            "a null interfaces section",
            "{'peers': [{'personality': 'nova', 'default_runtime': 'claude',"
                + " 'cwd': '/p/nova', 'interfaces': null}]}",
            "corrupted: peer 'nova' interfaces must be an object"));
  }

  /** Test data in single quotes for legibility; both the file and the message get real ones. */
  static Arguments corrupt(String what, String content, String message) {
    return Arguments.of(what, quotes(content), quotes(message));
  }

  static String quotes(String s) {
    return s.replace('\'', '"');
  }

  static String peer(String name, String runtime) {
    return "{'personality': '%s', 'default_runtime': '%s', 'cwd': '/p/%s'}"
        .formatted(name, runtime, name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corruptFiles")
  void a_corrupt_file_is_reported_by_read_and_by_upsert_and_kept_byte_identical(
      String what, String content, String message) throws Exception {
    Sandbox box = new Sandbox(tmp);
    box.seed(content);
    byte[] before = box.registryBytes();

    assertThatThrownBy(box.registry::read)
        .isInstanceOf(IapException.class)
        .hasMessageContaining(box.layout.registryFile().toString())
        .hasMessageContaining("corrupted")
        .hasMessageContaining(message);
    assertThatThrownBy(
            () -> box.registry.upsert(UpsertRequest.of("boris", "claude", box.folder("boris"))))
        .isInstanceOf(IapException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> box.registry.remove("nova"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining(message);
    assertThat(box.registryBytes()).isEqualTo(before);
    try (Stream<Path> files = Files.list(box.root)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("peers-profiles.json", "peers-profiles.lock");
    }
  }

  @Test
  void loose_fields_are_normalized_the_way_the_table_says() {
    Sandbox box = new Sandbox(tmp);
    String longText = "d".repeat(500);
    box.seed(
        """
        {"version": "two", "peers": [
          {"personality": "a", "default_runtime": "claude",
           "runtimes": [1, null, "codex", "claude"],
           "description": "  %s", "intelligence": "", "cwd": "/p/a", "extra": true},
          {"personality": "b", "default_runtime": null, "runtime": "telegram", "runtimes": "codex",
           "description": 7, "intelligence": null, "cwd": "/p/b",
           "interfaces": {"telegram": {"bot_username": "b_bot"}}}]}
        """
            .formatted(longText));

    RegistrySnapshot s = box.registry.read();
    assertThat(s.version()).isEqualTo(2);
    PeerRecord a = s.find("a").orElseThrow();
    assertThat(a.runtimes()).containsExactly("claude", "codex");
    assertThat(a.description()).hasSize(450).startsWith("  d");
    assertThat(a.intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
    assertThat(a.intelligenceRaw()).isEmpty();
    assertThat(a.interfaces()).isEmpty();
    PeerRecord b = s.find("b").orElseThrow();
    assertThat(b.runtime()).isEqualTo("telegram");
    assertThat(b.runtimes()).containsExactly("telegram");
    assertThat(b.description()).isEmpty();
    assertThat(b.intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(b.interfaces().orElseThrow().toString()).contains("b_bot");
    assertThat(box.warnings).isEmpty();
  }

  @Test
  void a_peers_member_that_is_not_an_array_reads_as_no_peers() {
    Sandbox box = new Sandbox(tmp);
    box.seed("{\"version\": 2, \"peers\": {\"nova\": {}}}");

    assertThat(box.registry.read().peers()).isEmpty();
  }

  @Test
  void a_newer_version_is_read_for_its_known_fields_with_a_warning() {
    Sandbox box = new Sandbox(tmp);
    box.seed(quotes("{'version': 3, 'peers': [" + peer("nova", "claude") + "], 'future': 1}"));

    RegistrySnapshot s = box.registry.read();
    assertThat(s.version()).isEqualTo(3);
    assertThat(s.find("nova")).isPresent();
    assertThat(box.warnings)
        .containsExactly(
            "peers-profiles.json version 3 is newer than supported 2; reading known fields only");
  }

  @Test
  void an_unchanged_file_is_parsed_once_and_every_change_is_seen() throws Exception {
    Sandbox box = new Sandbox(tmp);
    box.seed("{\"version\": 2, \"peers\": [{\"personality\": \"ann\", \"runtime\": \"claude\", \"cwd\": \"/p/a\"}]}");
    RegistrySnapshot first = box.registry.read();
    assertThat(box.registry.read()).as("served from the last parse").isSameAs(first);

    // an edit in place with the same size: only the modification time tells
    box.seed("{\"version\": 2, \"peers\": [{\"personality\": \"bob\", \"runtime\": \"claude\", \"cwd\": \"/p/a\"}]}");
    Files.setLastModifiedTime(box.layout.registryFile(),
        FileTime.from(Files.getLastModifiedTime(box.layout.registryFile()).toInstant().plusSeconds(1)));
    assertThat(box.registry.read().peers()).extracting(PeerRecord::personality).containsExactly("bob");

    // the writer's replace, seen by another reader that had parsed the older file
    Registry other = new Registry(box.layout, w -> {});
    assertThat(other.read().peers()).hasSize(1);
    box.registry.upsert(UpsertRequest.of("cleo", "codex", tmp.resolve("cleo")));
    assertThat(other.read().peers()).extracting(PeerRecord::personality).containsExactly("bob", "cleo");

    Files.delete(box.layout.registryFile());
    assertThat(other.read().peers()).isEmpty();
  }

  @Test
  void a_newer_version_warns_on_every_read() {
    Sandbox box = new Sandbox(tmp);
    box.seed("{\"version\": 3, \"peers\": []}");
    box.registry.read();
    box.registry.read();
    assertThat(box.warnings).hasSize(2);
  }
}
