package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuous profile-sync (01 §15.5, acceptance case 46). */
class ProfileSyncTest {
  @TempDir Path tmp;
  Sandbox box;
  Path boris;
  final List<RegistrySync.Reindexed> changes = new ArrayList<>();
  final List<String> errors = new ArrayList<>();
  ProfileSync sync;

  @BeforeEach
  void setUp() throws IOException {
    box = new Sandbox(tmp);
    boris = box.folder("boris");
    writeProfile(boris, "claude", 1_000);
    box.registry.upsert(UpsertRequest.of("boris", "claude", boris));
    sync = new ProfileSync(box.registry, changes::add, errors::add);
  }

  static void writeProfile(Path cwd, String runtime, long mtimeMillis) throws IOException {
    Files.createDirectories(cwd.resolve(".iapeer"));
    Path f = cwd.resolve(".iapeer/peer-profile.json");
    Files.writeString(f, """
        {"personality":"%s","default_runtime":"%s","runtimes":["%s"],"intelligence":"artificial"}
        """.formatted(cwd.getFileName(), runtime, runtime));
    Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeMillis));
  }

  @Test
  void the_first_sweep_always_reindexes_and_an_unchanged_gate_does_nothing() {
    assertThat(sync.sweep()).isTrue();
    assertThat(changes).isEmpty(); // nothing healed, nothing missing: no callback
    byte[] before = box.registryBytes();

    assertThat(sync.sweep()).isFalse();
    assertThat(box.registryBytes()).isEqualTo(before);
    assertThat(errors).isEmpty();
  }

  @Test
  void a_newer_profile_heals_a_stale_default_in_one_tick() throws IOException {
    sync.sweep();
    writeProfile(boris, "codex", 2_000);

    assertThat(sync.sweep()).isTrue();

    assertThat(box.registry.read().find("boris").orElseThrow().runtime()).isEqualTo("codex");
    assertThat(changes).singleElement().satisfies(c -> assertThat(c.healed()).containsExactly("boris: default_runtime, runtimes"));
  }

  @Test
  void a_changed_set_of_profiles_reindexes_and_a_missing_one_is_no_error() throws IOException {
    sync.sweep();
    Files.delete(boris.resolve(".iapeer/peer-profile.json"));

    assertThat(sync.sweep()).isTrue();

    assertThat(errors).isEmpty();
    assertThat(changes).singleElement().satisfies(c -> assertThat(c.missing()).containsExactly("boris"));
  }

  @Test
  void a_failing_sweep_is_reported_and_retried_on_the_next_tick() throws IOException {
    sync.sweep();
    byte[] good = box.registryBytes();
    box.seed("{ corrupt");
    writeProfile(boris, "codex", 3_000);

    assertThat(sync.sweep()).isFalse();
    assertThat(errors).singleElement().asString().contains("corrupted");

    Files.write(box.layout.registryFile(), good);
    assertThat(sync.sweep()).isTrue();
    assertThat(box.registry.read().find("boris").orElseThrow().runtime()).isEqualTo("codex");
  }
}
