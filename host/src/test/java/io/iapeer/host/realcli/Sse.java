package io.iapeer.host.realcli;

import io.iapeer.core.storage.Json;
import tools.jackson.databind.node.ObjectNode;

/** Server-sent events as both model APIs stream them: each event's name is its JSON {@code type}. */
final class Sse {
  private final StringBuilder out = new StringBuilder();

  Sse event(ObjectNode data) {
    out.append("event: ").append(data.path("type").asString()).append('\n');
    out.append("data: ").append(Json.compact(data)).append("\n\n");
    return this;
  }

  static ObjectNode typed(String type) {
    ObjectNode node = Json.object();
    node.put("type", type);
    return node;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
