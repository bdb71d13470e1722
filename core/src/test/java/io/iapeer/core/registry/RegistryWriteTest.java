package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The single writer of 01 §14.4: exact bytes, the pre-publish check, and nothing else writes. */
class RegistryWriteTest {
  @TempDir Path tmp;

  static PeerRecord record(String name, String runtime, String raw, String cwd) {
    Intelligence nature = Intelligence.normalize(raw).orElseThrow();
    return new PeerRecord(
        name, runtime, List.of(), "", nature, Optional.of(raw), cwd, Optional.empty());
  }

  @Test
  void two_peers_are_written_sorted_in_the_exact_golden_form() {
    Sandbox box = new Sandbox(tmp);
    PeerRecord nova =
        new PeerRecord(
            "nova",
            "telegram",
            List.of("telegram", "claude"),
            "Owner — café",
            Intelligence.NATURAL,
            Optional.of("human"),
            "/home/u/peers/nova",
            Optional.of((ObjectNode) Json.parse("{\"telegram\":{\"user_id\":\"100000001\"}}")));
    PeerRecord boris =
        new PeerRecord(
            "boris",
            "claude",
            List.of("codex"),
            "Reviews code.",
            Intelligence.ARTIFICIAL,
            Optional.empty(),
            "/home/u/peers/boris",
            Optional.empty());

    RegistrySnapshot written = box.registry.update(s -> s.with(nova).with(boris));

    assertThat(box.registryText())
        .isEqualTo(
            """
            {
              "version": 2,
              "peers": [
                {
                  "personality": "boris",
                  "default_runtime": "claude",
                  "runtimes": [
                    "claude",
                    "codex"
                  ],
                  "description": "Reviews code.",
                  "intelligence": "artificial",
                  "cwd": "/home/u/peers/boris"
                },
                {
                  "personality": "nova",
                  "default_runtime": "telegram",
                  "runtimes": [
                    "telegram",
                    "claude"
                  ],
                  "description": "Owner — café",
                  "intelligence": "human",
                  "cwd": "/home/u/peers/nova",
                  "interfaces": {
                    "telegram": {
                      "user_id": "100000001"
                    }
                  }
                }
              ]
            }
            """);
    assertThat(written.peers()).containsExactly(boris, nova);
    assertThat(box.registry.read()).isEqualTo(written);
  }

  @Test
  void an_empty_registry_is_written_with_an_empty_peers_array() {
    Sandbox box = new Sandbox(tmp);

    box.registry.update(s -> s);

    assertThat(box.registryText()).isEqualTo("{\n  \"version\": 2,\n  \"peers\": []\n}\n");
  }

  @Test
  void the_writer_creates_a_private_root_registry_and_lock_file() throws Exception {
    Sandbox box = new Sandbox(tmp);

    box.registry.upsert(UpsertRequest.of("boris", "claude", box.folder("boris")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(box.root)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(box.layout.registryFile())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(box.layout.registryLock())))
        .isEqualTo("rw-------");
    assertThat(Files.size(box.layout.registryLock())).isZero();
  }

  @Test
  void case14_the_public_atomic_write_refuses_the_registry_and_remove_goes_through_the_lock() {
    Sandbox box = new Sandbox(tmp, "IAPEER_LOCK_TIMEOUT_MS", "200");
    box.registry.upsert(UpsertRequest.of("nova", "telegram", box.folder("nova")));

    assertThatThrownBy(() -> AtomicFiles.write(box.layout.registryFile(), "{}"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("registry");
    JsonNode disk = Json.parse(box.registryText());
    assertThat(disk.get("version").intValue()).isEqualTo(2);
    assertThat(disk.get("peers").get(0).get("personality").stringValue()).isEqualTo("nova");

    Thread holder;
    var held = new java.util.concurrent.CompletableFuture<FileLocks.Held>();
    var release = new java.util.concurrent.CountDownLatch(1);
    holder =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (FileLocks.Held h =
                      FileLocks.acquire(box.layout.registryLock(), Duration.ofSeconds(5), "busy")) {
                    held.complete(h);
                    release.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    held.join();
    assertThatThrownBy(() -> box.registry.remove("nova"))
        .isInstanceOf(IapException.class)
        .hasMessage(
            "registry is locked by another writer (" + box.layout.registryLock() + "); retry");
    assertThat(box.registry.read().find("nova")).isPresent();
    release.countDown();
    joinQuietly(holder);

    assertThat(box.registry.remove("nova")).isPresent();
    assertThat(box.registry.read().peers()).isEmpty();
  }

  @Test
  void case16_other_peers_keep_their_raw_words_when_a_peer_is_added_or_removed() {
    Sandbox box = new Sandbox(tmp);
    Map<String, String> words = new LinkedHashMap<>();
    words.put("a", "human");
    words.put("b", "scripted");
    words.put("c", "artificial");
    words.put("d", "natural");
    words.put("e", "absent");
    List<String> entries = new ArrayList<>();
    words.forEach(
        (p, w) ->
            entries.add(
                "{\"personality\": \""
                    + p
                    + "\", \"default_runtime\": \"telegram\", \"intelligence\": \""
                    + w
                    + "\", \"cwd\": \"/p/"
                    + p
                    + "\"}"));
    box.seed("{\"version\": 2, \"peers\": [" + String.join(", ", entries) + "]}");

    box.registry.upsert(UpsertRequest.of("f", "claude", box.folder("f")));
    assertThat(diskWords(box)).containsAllEntriesOf(words).containsEntry("f", "artificial");

    box.registry.remove("c");
    Map<String, String> left = new LinkedHashMap<>(words);
    left.remove("c");
    assertThat(diskWords(box)).containsAllEntriesOf(left).doesNotContainKey("c");
    assertThat(box.registryText()).doesNotContain("intelligenceRaw").doesNotContain("\"runtime\"");
  }

  static Map<String, String> diskWords(Sandbox box) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode p : Json.parse(box.registryText()).get("peers").values()) {
      out.put(p.get("personality").stringValue(), p.get("intelligence").stringValue());
    }
    return out;
  }

  @Test
  void case20_an_updater_that_duplicates_a_peer_or_empties_a_cwd_is_refused_before_writing() {
    Sandbox box = new Sandbox(tmp);
    PeerRecord nova = box.registry.upsert(UpsertRequest.of("nova", "claude", box.folder("nova")));
    byte[] before = box.registryBytes();

    assertThatThrownBy(() -> box.registry.update(s -> new RegistrySnapshot(2, List.of(nova, nova))))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("refusing to write peers-profiles.json: ")
        .hasMessageContaining("duplicate peer \"nova\"");
    assertThat(box.registry.read().peers()).hasSize(1);

    PeerRecord noFolder =
        new PeerRecord(
            "nova",
            "claude",
            List.of(),
            "",
            Intelligence.ARTIFICIAL,
            Optional.empty(),
            "",
            Optional.empty());
    assertThatThrownBy(() -> box.registry.update(s -> s.with(noFolder)))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("refusing to write peers-profiles.json: ")
        .hasMessageContaining("empty cwd");
    assertThat(box.registry.read().find("nova").orElseThrow().cwd()).isEqualTo(nova.cwd());
    assertThat(box.registryBytes()).isEqualTo(before);
  }

  @Test
  void an_updater_output_with_an_invalid_name_or_runtime_is_refused() {
    Sandbox box = new Sandbox(tmp);

    assertThatThrownBy(
            () -> box.registry.update(s -> s.with(record("Bad", "claude", "artificial", "/p"))))
        .hasMessageStartingWith(
            "refusing to write peers-profiles.json: invalid personality \"Bad\"");
    assertThatThrownBy(
            () -> box.registry.update(s -> s.with(record("ok", "no-dash", "artificial", "/p"))))
        .hasMessageStartingWith("refusing to write peers-profiles.json: ")
        .hasMessageContaining("invalid runtime \"no-dash\"");
    assertThat(box.layout.registryFile()).doesNotExist();
  }

  @Test
  void an_updater_exception_aborts_without_writing_and_releases_the_lock() {
    Sandbox box = new Sandbox(tmp, "IAPEER_LOCK_TIMEOUT_MS", "200");
    box.registry.upsert(UpsertRequest.of("nova", "claude", box.folder("nova")));
    byte[] before = box.registryBytes();

    assertThatThrownBy(
            () ->
                box.registry.update(
                    s -> {
                      throw new IllegalStateException("updater failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("updater failed");

    assertThat(box.registryBytes()).isEqualTo(before);
    box.registry.remove("nova");
    assertThat(box.registry.read().peers()).isEmpty();
  }

  @Test
  void a_newer_version_is_rewritten_as_version_2_with_its_known_fields_only() {
    Sandbox box = new Sandbox(tmp);
    box.seed(
        "{\"version\": 7, \"peers\": [{\"personality\": \"nova\", \"runtime\": \"claude\","
            + " \"cwd\": \"/p/nova\", \"aliases\": [\"n\"]}], \"future\": true}");

    assertThat(box.registry.update(s -> s).version()).isEqualTo(2);

    assertThat(box.registryText())
        .startsWith("{\n  \"version\": 2,")
        .doesNotContain("future")
        .doesNotContain("aliases")
        .doesNotContain("\"runtime\"")
        .contains("\"default_runtime\": \"claude\"");
    assertThat(box.warnings).hasSize(1);
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
