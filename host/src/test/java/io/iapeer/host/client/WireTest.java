package io.iapeer.host.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Queued;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.SendRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON a send crosses to the daemon and back in: what goes in comes out. */
class WireTest {
  static final Instant AT = Instant.parse("2026-03-02T08:15:07Z");

  @Test
  void everyOutcomeReadsBackAsItWasWritten() {
    for (RouteResult r : List.of(
        new Accepted(new Identity("codex", "nova"), false, AT, Optional.empty()),
        new Accepted(new Identity("claude", "company-checker"), true, AT, Optional.empty()),
        new Accepted(new Identity("codex", "nova"), false, AT, Optional.of(new Queued("composer", 2))),
        new Refused("peer offline: nova \"quoted\" — and more"))) {
      assertThat(Wire.readResult(Json.parse(Json.compact(Wire.result(r))))).isEqualTo(r);
    }
  }

  @Test
  void aRequestReadsBackWithItsPath() {
    SendRequest req =
        new SendRequest("nova", Optional.of("codex"), "a\r\nb ]]>", Optional.of("t"), List.of("/a", ""), "x");
    var json = Json.parse(Json.compact(Wire.request("claude-boris", req)));
    assertThat(Wire.from(json)).isEqualTo("claude-boris");
    assertThat(Wire.readRequest(json, "x")).isEqualTo(req);
    SendRequest bare = new SendRequest("nova", Optional.empty(), "m", Optional.empty(), List.of(), "cli");
    assertThat(Wire.readRequest(Json.parse(Json.compact(Wire.request("claude-boris", bare))), "cli")).isEqualTo(bare);
  }

  @Test
  void anAnswerThatIsNoResultIsAnError() {
    assertThatThrownBy(() -> Wire.readResult(Json.parse("{\"hello\": 1}")))
        .isInstanceOf(IapException.class)
        .hasMessageStartingWith("the daemon answered something that is not a send result");
  }
}
