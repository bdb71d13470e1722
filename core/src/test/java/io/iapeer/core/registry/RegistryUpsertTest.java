package io.iapeer.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Upsert rules of 01 §14.7 beyond the merge cases: bounds, folder identity, unions. */
class RegistryUpsertTest {
  @TempDir Path tmp;

  @Test
  void case18_a_description_is_bounded_at_450_and_a_longer_one_is_cut_with_a_warning() {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("nova");
    String exact = "x".repeat(450);

    assertThat(
            box.registry
                .upsert(UpsertRequest.of("nova", "claude", cwd).withDescription(exact))
                .description())
        .isEqualTo(exact);
    assertThat(box.warnings).isEmpty();

    PeerRecord cut =
        box.registry.upsert(
            UpsertRequest.of("nova", "claude", cwd).withDescription("y".repeat(451)));
    assertThat(cut.description()).isEqualTo("y".repeat(450));
    assertThat(box.warnings).containsExactly("description exceeded 450 chars and was truncated");
    assertThat(box.registry.read().find("nova").orElseThrow().description()).hasSize(450);
  }

  @Test
  void the_cut_never_splits_a_surrogate_pair() {
    String text = "a".repeat(449) + "😀" + "b";

    assertThat(Descriptions.clamp(text)).isEqualTo("a".repeat(449));
    assertThat(Descriptions.clamp("a".repeat(448) + "😀" + "b")).hasSize(450).endsWith("😀");
  }

  @Test
  void case19_the_same_folder_re_upserts_idempotently_and_another_folder_is_refused() {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("nova");
    UpsertRequest req = UpsertRequest.of("nova", "claude", cwd).withDescription("Helper.");
    box.registry.upsert(req);
    byte[] once = box.registryBytes();

    box.registry.upsert(req);
    assertThat(box.registryBytes()).isEqualTo(once);

    Path elsewhere = box.folder("other");
    assertThatThrownBy(() -> box.registry.upsert(UpsertRequest.of("nova", "claude", elsewhere)))
        .isInstanceOf(IapException.class)
        .hasMessageContaining("peer \"nova\" already exists at " + cwd)
        .hasMessageContaining("refusing to re-point it to " + elsewhere);
    assertThat(box.registry.read().find("nova").orElseThrow().cwd()).isEqualTo(cwd.toString());
    assertThat(box.registryBytes()).isEqualTo(once);
  }

  @Test
  void a_symlinked_spelling_of_the_same_folder_is_not_a_re_point() throws Exception {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("nova");
    Path link = Files.createSymbolicLink(tmp.resolve("nova-link"), cwd);
    box.registry.upsert(UpsertRequest.of("nova", "claude", cwd));

    PeerRecord again = box.registry.upsert(UpsertRequest.of("nova", "codex", link));

    assertThat(again.cwd()).isEqualTo(link.toString());
    assertThat(again.runtimes()).containsExactly("codex", "claude");
  }

  @Test
  void an_invalid_request_fails_before_the_registry_is_touched() {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("x");

    assertThatThrownBy(() -> box.registry.upsert(UpsertRequest.of("Bad Name", "claude", cwd)))
        .hasMessageStartingWith("invalid personality \"Bad Name\" — must match");
    assertThatThrownBy(() -> box.registry.upsert(UpsertRequest.of("x", "no-dash", cwd)))
        .hasMessageStartingWith("invalid runtime \"no-dash\" — must match");
    assertThatThrownBy(
            () -> UpsertRequest.of("x", "claude", cwd).withRuntimes(List.of("codex", "Claude")))
        .hasMessageStartingWith("invalid runtime \"Claude\"");
    assertThatThrownBy(() -> UpsertRequest.of("x", "claude", cwd).withIntelligence("Human"))
        .hasMessageStartingWith("invalid intelligence \"Human\" — must be one of");
    assertThatThrownBy(() -> box.registry.remove("Bad Name"))
        .hasMessageStartingWith("invalid personality");
    assertThat(box.root).doesNotExist();
  }

  @Test
  void runtimes_are_a_union_led_by_the_upserted_runtime() {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("nova");
    box.registry.upsert(UpsertRequest.of("nova", "claude", cwd).withRuntimes(List.of("codex")));

    PeerRecord nova =
        box.registry.upsert(
            UpsertRequest.of("nova", "telegram", cwd).withRuntimes(List.of("notifier", "claude")));

    assertThat(nova.runtime()).isEqualTo("telegram");
    assertThat(nova.runtimes()).containsExactly("telegram", "claude", "codex", "notifier");
  }

  @Test
  void a_blank_description_or_absent_interfaces_keep_the_stored_ones_and_given_ones_replace_them() {
    Sandbox box = new Sandbox(tmp);
    Path cwd = box.folder("nova");
    ObjectNode bot = (ObjectNode) Json.parse("{\"telegram\":{\"bot_username\":\"nova_bot\"}}");
    ObjectNode user = (ObjectNode) Json.parse("{\"telegram\":{\"user_id\":\"1\"}}");
    box.registry.upsert(
        UpsertRequest.of("nova", "telegram", cwd)
            .withDescription("  Owner.  ")
            .withInterfaces(bot));

    PeerRecord kept =
        box.registry.upsert(UpsertRequest.of("nova", "telegram", cwd).withDescription("   "));
    assertThat(kept.description()).isEqualTo("  Owner.  ");
    assertThat(kept.interfaces()).contains(bot);

    PeerRecord replaced =
        box.registry.upsert(UpsertRequest.of("nova", "telegram", cwd).withInterfaces(user));
    assertThat(replaced.interfaces()).contains(user);
  }

  @Test
  void remove_is_idempotent_and_reports_what_it_removed() {
    Sandbox box = new Sandbox(tmp);
    PeerRecord nova = box.registry.upsert(UpsertRequest.of("nova", "claude", box.folder("nova")));

    assertThat(box.registry.remove("nova")).contains(nova);
    assertThat(box.registry.remove("nova")).isEmpty();
    assertThat(box.registry.read().peers()).isEmpty();
    assertThat(box.registryText()).isEqualTo("{\n  \"version\": 2,\n  \"peers\": []\n}\n");
  }
}
