package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code <identity>.session} (03 §2): the daemon owns and supervises this live session, which woke
 * at {@code wokeAt} (epoch ms, the idle floor).
 */
public record SessionRecord(Identity identity, Path cwd, long wokeAt) {

  public String toJson() {
    ObjectNode o = Json.object();
    o.put("identity", identity.address());
    o.put("runtime", identity.runtime());
    o.put("personality", identity.personality());
    o.put("cwd", cwd.toString());
    o.put("wokeAt", wokeAt);
    return Json.pretty(o);
  }

  /**
   * The record in {@code text}, or why it is garbage: the identity, a valid runtime and the cwd
   * must be there (03 §9.6); a missing or odd {@code wokeAt} reads as 0, the weakest idle floor.
   */
  static Parsed parse(String text) {
    JsonNode n;
    try {
      n = Json.parse(text);
    } catch (RuntimeException e) {
      return new Parsed(Optional.empty(), "not JSON");
    }
    if (!(n instanceof ObjectNode o)) {
      return new Parsed(Optional.empty(), "not a JSON object");
    }
    Optional<Identity> id = Optional.ofNullable(o.get("identity"))
        .filter(JsonNode::isString)
        .flatMap(v -> Identity.parse(v.asString()));
    if (id.isEmpty()) {
      return new Parsed(Optional.empty(), "no valid identity");
    }
    JsonNode cwd = o.get("cwd");
    if (cwd == null || !cwd.isString() || cwd.asString().isBlank()) {
      return new Parsed(Optional.empty(), "no cwd");
    }
    JsonNode rt = o.get("runtime");
    if (rt != null && !(rt.isString() && rt.asString().equals(id.get().runtime()))) {
      return new Parsed(Optional.empty(), "runtime disagrees with the identity");
    }
    JsonNode woke = o.get("wokeAt");
    long wokeAt = woke != null && woke.isIntegralNumber() ? woke.asLong() : 0;
    return new Parsed(Optional.of(new SessionRecord(id.get(), Path.of(cwd.asString()), wokeAt)), "");
  }

  /** @param why the reason {@code record} is empty */
  record Parsed(Optional<SessionRecord> record, String why) {}
}
