package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.ProfileWriter;
import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Reconcile, reindex and rename (01 §14.7, §15.2–§15.3; acceptance cases 43 and 45). */
class RegistrySyncTest {
  @TempDir Path tmp;
  Sandbox box;
  RegistrySync sync;
  Path boris;

  @BeforeEach
  void setUp() throws IOException {
    box = new Sandbox(tmp);
    sync = new RegistrySync(box.registry);
    boris = box.folder("boris");
    profile(boris, """
        {
          "personality": "boris",
          "default_runtime": "claude",
          "runtimes": ["claude"],
          "description": "Fresh description.",
          "intelligence": "artificial"
        }
        """);
  }

  static void profile(Path cwd, String json) throws IOException {
    Files.createDirectories(cwd.resolve(".iapeer"));
    Files.writeString(cwd.resolve(".iapeer/peer-profile.json"), json);
  }

  void staleRecord() {
    box.registry.upsert(
        UpsertRequest.of("boris", "claude", boris)
            .withRuntimes(List.of("codex"))
            .withDescription("Old description."));
  }

  @Test
  void case43_reconcile_reports_a_stale_record_without_touching_the_file() {
    staleRecord();
    byte[] before = box.registryBytes();

    List<RegistrySync.Reconciled> r = sync.reconcile();

    assertThat(r).singleElement().satisfies(c -> {
      assertThat(c.personality()).isEqualTo("boris");
      assertThat(c.drift()).contains(List.of("runtimes", "description"));
    });
    assertThat(box.registryBytes()).isEqualTo(before);
  }

  @Test
  void case43_reindex_projects_the_profile_and_narrows_runtimes() {
    staleRecord();

    RegistrySync.Reindexed result = sync.reindex();

    assertThat(result.healed()).containsExactly("boris: runtimes, description");
    PeerRecord r = box.registry.read().find("boris").orElseThrow();
    assertThat(r.description()).isEqualTo("Fresh description.");
    assertThat(r.runtimes()).containsExactly("claude");
    assertThat(sync.reconcile()).singleElement().satisfies(c -> assertThat(c.drift()).contains(List.of()));
    ObjectNode disk = (ObjectNode) Json.parse(box.registryText()).get("peers").get(0);
    assertThat(disk.has("default_runtime")).isTrue();
    assertThat(disk.has("runtime")).isFalse();
  }

  @Test
  void case45_interfaces_drift_is_detected_and_healed_but_key_order_is_not_drift() throws IOException {
    box.registry.upsert(
        UpsertRequest.of("boris", "claude", boris)
            .withDescription("Fresh description.")
            .withInterfaces((ObjectNode) Json.parse("{\"telegram\":{\"bot_username\":\"b\",\"bot\":\"old\"}}")));
    assertThat(sync.reconcile().get(0).drift()).contains(List.of("interfaces"));

    profile(boris, """
        {"personality":"boris","default_runtime":"claude","runtimes":["claude"],
         "description":"Fresh description.","intelligence":"artificial",
         "interfaces":{"telegram":{"bot":"old","bot_username":"b"}}}
        """);
    assertThat(sync.reconcile().get(0).drift()).contains(List.of());

    profile(boris, """
        {"personality":"boris","default_runtime":"claude","runtimes":["claude"],
         "description":"Fresh description.","intelligence":"artificial",
         "interfaces":{"telegram":{"bot_username":"b"}}}
        """);
    assertThat(sync.reindex().healed()).containsExactly("boris: interfaces");
    assertThat(box.registry.read().find("boris").orElseThrow().interfaces().orElseThrow().toString())
        .isEqualTo("{\"telegram\":{\"bot_username\":\"b\"}}");
  }

  @Test
  void a_peer_without_a_readable_profile_is_reported_missing_and_left_untouched() throws IOException {
    Path ghost = box.folder("ghost");
    box.registry.upsert(UpsertRequest.of("ghost", "claude", ghost).withDescription("kept"));
    Path broken = box.folder("broken");
    box.registry.upsert(UpsertRequest.of("broken", "codex", broken));
    profile(broken, "{ not json");

    RegistrySync.Reindexed result = sync.reindex();

    assertThat(result.missing()).containsExactlyInAnyOrder("ghost", "broken");
    assertThat(box.registry.read().find("ghost").orElseThrow().description()).isEqualTo("kept");
    assertThat(sync.reconcile()).filteredOn(c -> !c.personality().equals("boris"))
        .allSatisfy(c -> assertThat(c.drift()).isEmpty());
  }

  @Test
  void a_stored_legacy_word_survives_reindex_while_it_means_the_profiles_nature() throws IOException {
    Path nova = box.folder("nova");
    profile(nova, """
        {"personality":"nova","default_runtime":"claude","runtimes":["claude"],"intelligence":"natural"}
        """);
    box.seed("""
        {"version":2,"peers":[{"personality":"nova","default_runtime":"claude","runtimes":["claude","codex"],
         "description":"","intelligence":"human","cwd":"%s"}]}
        """.formatted(nova));

    sync.reindex();

    assertThat(box.registryText()).contains("\"intelligence\": \"human\"");
    assertThat(box.registry.read().find("nova").orElseThrow().runtimes()).containsExactly("claude");
  }

  @Test
  void rename_rewrites_profile_and_record_together() {
    box.registry.upsert(UpsertRequest.of("boris", "claude", boris));

    PeerRecord r = sync.rename("boris", "boris-two", Optional.empty(), new ProfileWriter(Duration.ofSeconds(2)));

    assertThat(r.personality()).isEqualTo("boris-two");
    assertThat(box.registry.read().find("boris")).isEmpty();
    assertThat(ProfileReader.read(boris).orElseThrow().personality()).isEqualTo("boris-two");
  }

  @Test
  void rename_refusals_change_nothing() throws IOException {
    box.registry.upsert(UpsertRequest.of("boris", "claude", boris));
    Path other = box.folder("other");
    profile(other, "{\"personality\":\"other\",\"default_runtime\":\"claude\",\"runtimes\":[\"claude\"]}");
    box.registry.upsert(UpsertRequest.of("other", "claude", other));
    byte[] before = box.registryBytes();
    byte[] profileBefore = Files.readAllBytes(boris.resolve(".iapeer/peer-profile.json"));
    ProfileWriter w = new ProfileWriter(Duration.ofSeconds(2));

    assertThatThrownBy(() -> sync.rename("boris", "other", Optional.empty(), w))
        .isInstanceOf(IapException.class).hasMessageContaining("already exists");
    assertThatThrownBy(() -> sync.rename("nobody", "x", Optional.empty(), w))
        .hasMessageContaining("not found");
    assertThatThrownBy(() -> sync.rename("boris", "boris", Optional.empty(), w))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> sync.rename("boris", "Bad Name", Optional.empty(), w))
        .hasMessageContaining("valid personalities");

    assertThat(box.registryBytes()).isEqualTo(before);
    assertThat(Files.readAllBytes(boris.resolve(".iapeer/peer-profile.json"))).isEqualTo(profileBefore);
  }

  @Test
  void rename_puts_the_profile_back_when_the_registry_cannot_be_published() throws Exception {
    box.registry.upsert(UpsertRequest.of("boris", "claude", boris));
    byte[] profileBefore = Files.readAllBytes(boris.resolve(".iapeer/peer-profile.json"));
    byte[] registryBefore = box.registryBytes();
    ProfileWriter w = new ProfileWriter(Duration.ofSeconds(2));
    // An immutable root lets the registry be read and locked but not replaced: the publish step
    // fails after the profile was already rewritten (we run as root, so modes would not stop it).
    Assumptions.assumeTrue(chattr("+i", box.root), "needs chattr on this filesystem");
    try {
      assertThatThrownBy(() -> sync.rename("boris", "boris-two", Optional.empty(), w))
          .isInstanceOf(RuntimeException.class);
    } finally {
      chattr("-i", box.root);
    }

    assertThat(Files.readAllBytes(boris.resolve(".iapeer/peer-profile.json"))).isEqualTo(profileBefore);
    assertThat(box.registryBytes()).isEqualTo(registryBefore);
  }

  private static boolean chattr(String flag, Path dir) throws Exception {
    try {
      Process p = new ProcessBuilder("chattr", flag, dir.toString()).redirectErrorStream(true).start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
