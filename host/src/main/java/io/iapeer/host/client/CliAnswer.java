package io.iapeer.host.client;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a verb run by the daemon printed and returned, for the caller to print as it is. */
public record CliAnswer(int code, String out, String err) {
  public ObjectNode toJson() {
    return Json.object().put("code", code).put("out", out).put("err", err);
  }

  public static CliAnswer read(JsonNode o) {
    if (!o.path("code").isIntegralNumber() || !o.path("out").isString() || !o.path("err").isString()) {
      throw new IapException("the daemon answered something that is not a verb's outcome: " + Json.compact(o));
    }
    return new CliAnswer(o.path("code").asInt(), o.path("out").stringValue(), o.path("err").stringValue());
  }
}
