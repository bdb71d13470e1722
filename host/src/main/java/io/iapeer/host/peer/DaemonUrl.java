package io.iapeer.host.peer;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The router URL a peer's MCP wiring names (03 §3.5, 04 §3.11). */
public final class DaemonUrl {
  private DaemonUrl() {}

  /**
   * The {@code tcp} string the running daemon published in {@code router.json}, else the loopback
   * default on IAPEER_PORT. A missing or corrupt router.json only means no daemon has said
   * otherwise, so it falls back instead of failing init.
   */
  public static String of(Layout layout, Settings settings) {
    return published(layout.routerJson())
        .orElse("http://127.0.0.1:" + settings.port() + "/mcp");
  }

  private static Optional<String> published(Path routerJson) {
    try {
      JsonNode tcp = Json.parse(Files.readString(routerJson)).path("tcp");
      return tcp.isString() && !tcp.stringValue().isBlank()
          ? Optional.of(tcp.stringValue().strip())
          : Optional.empty();
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    }
  }
}
