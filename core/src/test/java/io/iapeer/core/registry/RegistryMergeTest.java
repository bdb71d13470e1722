package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Acceptance cases 7–11 of 01 §20: what an upsert keeps and what it replaces (§14.7, §5.3). */
class RegistryMergeTest {
  @TempDir Path tmp;
  Sandbox box;
  Path novaCwd;

  static final ObjectNode NOVA_INTERFACES =
      (ObjectNode) Json.parse("{\"telegram\":{\"user_id\":\"100000001\"}}");

  @BeforeEach
  void seedNova() {
    box = new Sandbox(tmp);
    novaCwd = box.folder("nova");
    box.registry.upsert(
        UpsertRequest.of("nova", "telegram", novaCwd)
            .withRuntimes(List.of("claude"))
            .withIntelligence("natural")
            .withDescription("Owner of the host.")
            .withInterfaces(NOVA_INTERFACES));
  }

  /** What a claude session registers at boot: nothing asserted beyond its runtime. */
  UpsertRequest bootUpsert() {
    return UpsertRequest.of("nova", "claude", novaCwd)
        .withRuntimes(List.of("claude"))
        .withDescription("");
  }

  @Test
  void case7_a_boot_upsert_keeps_nature_runtimes_description_and_interfaces() {
    box.registry.upsert(bootUpsert());

    PeerRecord nova = box.registry.read().find("nova").orElseThrow();
    assertThat(nova.intelligence()).isEqualTo(Intelligence.NATURAL);
    assertThat(nova.runtimes()).contains("telegram", "claude");
    assertThat(nova.description()).isEqualTo("Owner of the host.");
    assertThat(nova.interfaces()).contains(NOVA_INTERFACES);
  }

  @Test
  void case8_an_explicit_intelligence_or_description_on_the_boot_upsert_replaces_the_stored_one() {
    box.registry.upsert(bootUpsert().withIntelligence("artificial"));
    assertThat(box.registry.read().find("nova").orElseThrow().intelligence())
        .isEqualTo(Intelligence.ARTIFICIAL);

    box.registry.upsert(bootUpsert().withDescription("new desc"));
    PeerRecord nova = box.registry.read().find("nova").orElseThrow();
    assertThat(nova.description()).isEqualTo("new desc");
    assertThat(nova.intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
  }

  @Test
  void case9_a_stored_human_survives_reassertion_of_natural_and_yields_only_to_a_real_change() {
    box.seed(
        """
        {"version": 2, "peers": [{"personality": "nova", "default_runtime": "telegram",
          "runtimes": ["telegram"], "description": "", "intelligence": "human",
          "cwd": "%s"}]}
        """
            .formatted(novaCwd));
    assertThat(box.registry.read().find("nova").orElseThrow().intelligence())
        .isEqualTo(Intelligence.NATURAL);

    box.registry.upsert(UpsertRequest.of("nova", "telegram", novaCwd).withIntelligence("natural"));
    assertThat(box.registryText()).contains("\"intelligence\": \"human\"");
    assertThat(box.registry.read().find("nova").orElseThrow().intelligence())
        .isEqualTo(Intelligence.NATURAL);

    box.registry.upsert(
        UpsertRequest.of("nova", "telegram", novaCwd).withIntelligence("artificial"));
    assertThat(box.registryText())
        .contains("\"intelligence\": \"artificial\"")
        .doesNotContain("human");
  }

  @Test
  void case10_legacy_scripted_on_a_notifier_reads_absent_and_an_unknown_word_is_rejected() {
    Path timer = box.folder("timer");
    PeerRecord written =
        box.registry.upsert(
            UpsertRequest.of("timer", "notifier", timer).withIntelligence("scripted"));

    assertThat(written.intelligence()).isEqualTo(Intelligence.ABSENT);
    PeerRecord read = box.registry.read().find("timer").orElseThrow();
    assertThat(read.intelligence()).isEqualTo(Intelligence.ABSENT);
    assertThat(read.intelligenceRaw()).contains("scripted");
    assertThatThrownBy(
            () -> UpsertRequest.of("timer", "notifier", timer).withIntelligence("sentient"))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("\"sentient\"")
        .hasMessageMatching("(?s).*(artificial|natural|absent).*");
  }

  @Test
  void case11_a_new_peer_without_intelligence_gets_its_runtime_default() {
    box.registry.upsert(UpsertRequest.of("boris", "claude", box.folder("boris")));
    box.registry.upsert(UpsertRequest.of("alice", "telegram", box.folder("alice")));

    RegistrySnapshot s = box.registry.read();
    assertThat(s.find("boris").orElseThrow().intelligence()).isEqualTo(Intelligence.ARTIFICIAL);
    assertThat(s.find("alice").orElseThrow().intelligence()).isEqualTo(Intelligence.NATURAL);
  }
}
