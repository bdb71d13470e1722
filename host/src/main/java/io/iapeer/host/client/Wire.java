package io.iapeer.host.client;

import io.iapeer.core.IapException;
import io.iapeer.core.envelope.Timestamps;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Queued;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.SendRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a send travels in: the {@code send_to_peer} result value of 02 §7.5 (the tool's
 * structured content, and the answer of the daemon's {@code /cli/send}), and the CLI's request.
 */
public final class Wire {
  private Wire() {}

  /**
   * {@code {ok, delivered_to, woke, ts[, queued, queuedBy, queueDepth]}} for an accepted send;
   * {@code {ok:false, error}} for a refused one (the tool shows only the error text for that).
   */
  public static ObjectNode result(RouteResult result) {
    ObjectNode o = Json.object();
    switch (result) {
      case Accepted a -> {
        o.put("ok", true);
        o.putObject("delivered_to")
            .put("personality", a.deliveredTo().personality())
            .put("runtime", a.deliveredTo().runtime());
        o.put("woke", a.woke());
        // The same local string the envelope carries, so sender and receiver can correlate (02 §6).
        o.put("ts", Timestamps.formatSentAt(a.ts(), ZoneId.systemDefault()));
        a.queue().ifPresent(q -> o.put("queued", true).put("queuedBy", q.by()).put("queueDepth", q.depth()));
      }
      case Refused r -> o.put("ok", false).put("error", r.error());
    }
    return o;
  }

  /** The inverse of {@link #result}; anything else is a daemon we do not understand. */
  public static RouteResult readResult(JsonNode o) {
    if (o.path("ok").isBoolean() && !o.path("ok").booleanValue() && o.path("error").isString()) {
      return new Refused(o.path("error").stringValue());
    }
    JsonNode to = o.path("delivered_to");
    Optional<Identity> id =
        Identity.parse(to.path("runtime").asString("") + "-" + to.path("personality").asString(""));
    var ts = Timestamps.parse(o.path("ts").asString(""));
    if (!o.path("ok").asBoolean(false) || id.isEmpty() || ts.isEmpty()) {
      throw new IapException("the daemon answered something that is not a send result: " + Json.compact(o));
    }
    Optional<Queued> queue =
        o.path("queued").asBoolean(false)
            ? Optional.of(new Queued(o.path("queuedBy").asString(""), o.path("queueDepth").asInt(0)))
            : Optional.empty();
    return new Accepted(id.get(), o.path("woke").asBoolean(false), ts.get().toInstant(), queue);
  }

  /** The CLI's send as it crosses to the daemon: the raw {@code --from} and the request. */
  public static ObjectNode request(String from, SendRequest r) {
    ObjectNode o = Json.object();
    o.put("from", from);
    o.put("personality", r.personality());
    r.runtime().ifPresent(v -> o.put("runtime", v));
    o.put("message", r.message());
    r.topic().ifPresent(v -> o.put("topic", v));
    r.attachments().forEach(o.putArray("attachments")::add);
    return o;
  }

  /** The sender's raw {@code --from}; empty when the body names none. */
  public static String from(JsonNode o) {
    return o.path("from").asString("");
  }

  /** The daemon's side of {@link #request}; a missing field reads as empty, as the tool's do. */
  public static SendRequest readRequest(JsonNode o, String path) {
    List<String> attachments = new ArrayList<>();
    o.path("attachments").forEach(a -> attachments.add(a.asString("")));
    return new SendRequest(
        o.path("personality").asString(""),
        Optional.ofNullable(o.get("runtime")).map(v -> v.asString("")),
        o.path("message").asString(""),
        Optional.ofNullable(o.get("topic")).map(v -> v.asString("")),
        attachments,
        path);
  }
}
