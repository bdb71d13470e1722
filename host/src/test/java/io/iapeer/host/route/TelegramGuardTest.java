package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.storage.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** 02 §9.6 and acceptance case 62: who has a Telegram bot to write with. */
class TelegramGuardTest {
  private static PeerRecord with(String interfacesJson) {
    Optional<ObjectNode> ifs = interfacesJson == null
        ? Optional.empty()
        : Optional.of((ObjectNode) Json.parse(interfacesJson));
    return new PeerRecord("lena", "claude", List.of("claude"), "", Intelligence.ARTIFICIAL, Optional.empty(), "/tmp", ifs);
  }

  @Test
  void aNonBlankBotUsernameQualifies() {
    assertThat(TelegramGuard.hasBot(with("{\"telegram\":{\"bot_username\":\"lena_bot\"}}"))).isTrue();
    assertThat(TelegramGuard.hasBot(with("{\"telegram\":{\"bot_username\":\" x \",\"user_id\":1}}"))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"telegram\":{\"user_id\":\"42\"}}",
    "{\"telegram\":{\"user_id\":42}}",
    "{}",
    "{\"telegram\":{}}",
    "{\"telegram\":{\"bot_username\":\"\"}}",
    "{\"telegram\":{\"bot_username\":\"   \"}}",
    "{\"telegram\":{\"bot_username\":7}}",
    "{\"telegram\":{\"bot\":\"legacy_bot\"}}",
    "{\"telegram\":[{\"bot_username\":\"x\"}]}",
    "{\"slack\":{\"bot_username\":\"x\"}}"
  })
  void anythingElseDoesNot(String interfaces) {
    assertThat(TelegramGuard.hasBot(with(interfaces))).isFalse();
  }

  @Test
  void noInterfacesAtAll() {
    assertThat(TelegramGuard.hasBot(with(null))).isFalse();
  }

  @Test
  void onlyTheTelegramChannelIsGuarded() {
    assertThat(TelegramGuard.allows("claude", with(null))).isTrue();
    assertThat(TelegramGuard.allows("telegram", with(null))).isFalse();
  }

  @Test
  void theRefusalText() {
    assertThat(TelegramGuard.refusal("ghost", "nova")).isEqualTo(
        "telegram policy: sender \"ghost\" has no telegram face (no interfaces.telegram.bot_username in its"
            + " passport) — message to \"nova\" NOT delivered; route via a peer that has a telegram bot in its"
            + " passport, or provision a bot for this sender");
  }
}
