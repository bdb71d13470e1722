package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.storage.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PeerRecordTest {
  static final ObjectNode INTERFACES =
      (ObjectNode) Json.parse("{\"telegram\":{\"user_id\":\"1\"}}");

  static PeerRecord nova(Intelligence nature, String raw) {
    return new PeerRecord(
        "nova",
        "telegram",
        List.of("claude", "telegram"),
        "Owner.",
        nature,
        Optional.of(raw),
        "/p/nova",
        Optional.of(INTERFACES));
  }

  @Test
  void the_public_summary_shows_five_fields_with_the_normalized_nature_and_nothing_private() {
    assertThat(Json.pretty(nova(Intelligence.NATURAL, "human").publicSummary()))
        .isEqualTo(
            """
            {
              "personality": "nova",
              "runtime": "telegram",
              "runtimes": [
                "telegram",
                "claude"
              ],
              "description": "Owner.",
              "intelligence": "natural"
            }
            """);
  }

  @Test
  void the_default_runtime_always_leads_the_runtimes() {
    assertThat(nova(Intelligence.NATURAL, "human").runtimes())
        .containsExactly("telegram", "claude");
  }

  @Test
  void a_raw_word_is_kept_only_while_it_is_a_legacy_spelling_of_the_same_nature() {
    assertThat(nova(Intelligence.NATURAL, "human").intelligenceWord()).isEqualTo("human");
    assertThat(nova(Intelligence.NATURAL, "natural").intelligenceRaw()).isEmpty();
    assertThat(nova(Intelligence.ARTIFICIAL, "human").intelligenceRaw()).isEmpty();
    assertThat(nova(Intelligence.ARTIFICIAL, "human").intelligenceWord()).isEqualTo("artificial");
  }

  @Test
  void the_interfaces_section_cannot_be_changed_through_the_record_or_its_source() {
    ObjectNode source = INTERFACES.deepCopy();
    PeerRecord nova =
        new PeerRecord(
            "nova",
            "telegram",
            List.of(),
            "",
            Intelligence.NATURAL,
            Optional.empty(),
            "/p/nova",
            Optional.of(source));

    source.put("later", true);
    nova.interfaces().orElseThrow().put("injected", true);

    assertThat(nova.interfaces()).contains(INTERFACES);
  }
}
