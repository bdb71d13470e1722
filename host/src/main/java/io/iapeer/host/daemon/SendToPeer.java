package io.iapeer.host.daemon;

import io.iapeer.core.IapException;
import io.iapeer.core.envelope.EnvelopeLimits;
import io.iapeer.core.peer.Names;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.Json;
import io.iapeer.host.client.Wire;
import io.iapeer.host.route.RouteResult;
import io.iapeer.host.route.RouteResult.Accepted;
import io.iapeer.host.route.RouteResult.Refused;
import io.iapeer.host.route.Router;
import io.iapeer.host.route.SendRequest;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one tool the daemon serves (02 §7): its definition, and a call — caller from the request's
 * identity header, arguments coerced (§7.4), the router's outcome as a tool result (§7.5).
 * Validation (§7.7) is the router's; every failure is an error result, never a JSON-RPC error.
 */
final class SendToPeer {
  static final String NAME = "send_to_peer";
  /** The transport context key the request's {@code X-IAPeer-Identity} is carried under. */
  static final String IDENTITY = "x-iapeer-identity";

  /** Loaded once per client session, where it stops agent-to-agent ack loops (§7.1). */
  static final String INSTRUCTIONS =
      "Reply only when a message needs one — a question, task, request, or awaited result. Skip bare"
          + " acks/FYIs/thanks; they just loop. Silence is the right reply when nothing is asked.";

  // No roster and no peer name here: the description costs context on every turn (§7.3).
  static final String DESCRIPTION =
      "Send a message to a known iapeer peer over the Inter-Agent-Protocol (IAP). Peers are agents,"
          + " humans or services; a runtime is one delivery surface of a peer. Pass the bare"
          + " personality, not a runtime-prefixed identity. Without runtime the message goes to the"
          + " peer's live session, waking it if it sleeps. Name a runtime to target that declared"
          + " runtime: if it is asleep, iapeer wakes it and delivers there, which may deliberately"
          + " start a session parallel to the default runtime. Messages from peers arrive as <iap …>"
          + " blocks; topic is optional.";

  private final Supplier<RegistrySnapshot> registry;
  private final Router router;
  private final DaemonLog log;

  SendToPeer(Supplier<RegistrySnapshot> registry, Router router, DaemonLog log) {
    this.registry = registry;
    this.router = router;
    this.log = log;
  }

  static Tool tool() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("personality", Map.of(
        "type", "string",
        "pattern", Names.PERSONALITY_REGEX,
        "description", "Bare personality of the target peer."));
    props.put("runtime", Map.of(
        "type", "string",
        "pattern", Names.RUNTIME_REGEX,
        "description", "Optional declared runtime to deliver to. If it is asleep, iapeer wakes it"
            + " warm-on-demand; this may open a parallel session next to the default runtime."));
    props.put("message", Map.of(
        "type", "string",
        "minLength", 1,
        "maxLength", EnvelopeLimits.MAX_MESSAGE_LEN,
        "description", "Plain text. Keep it concise."));
    props.put("topic", Map.of(
        "type", "string",
        "maxLength", EnvelopeLimits.MAX_TOPIC_LEN,
        "description", "Optional topic that threads related messages."));
    props.put("attachments", Map.of(
        "type", "array",
        "items", Map.of("type", "string"),
        "maxItems", EnvelopeLimits.MAX_ATTACHMENTS,
        "description", "Optional absolute local file paths, delivered as a separate field. iapeer"
            + " copies each regular file on send, so the sources may be deleted immediately."));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", List.of("personality", "message"));
    schema.put("additionalProperties", false);
    return Tool.builder(NAME, schema)
        .description(DESCRIPTION)
        .annotations(new ToolAnnotations("Send to IAP peer", false, false, false, true, null))
        .meta(Map.of("anthropic/alwaysLoad", true))
        .build();
  }

  CallToolResult call(McpTransportContext context, CallToolRequest request) {
    Object header = context.get(IDENTITY);
    RegistrySnapshot read;
    Caller caller;
    try {
      read = registry.get();
      caller = Callers.fromHeader(header instanceof String s ? s : null, read);
    } catch (IapException e) {
      log.trace("tools/call REJECTED tool=" + request.name() + " caller=" + (header == null ? "-" : header));
      return error(e.getMessage());
    }
    log.trace("tools/call tool=" + request.name() + " caller=" + caller.address());
    RouteResult result;
    try {
      result = router.send(caller, coerce(request.arguments()), read);
    } catch (IapException e) {
      return error(e.getMessage());
    } catch (RuntimeException e) {
      // The router refuses what a sender can cause; anything else is our bug, told as such.
      log.warn("send_to_peer from " + caller.address() + " failed: " + e);
      return error("internal error in the iapeer daemon: " + e.getMessage() + "; message NOT delivered");
    }
    return switch (result) {
      case Accepted a -> {
        ObjectNode value = Wire.result(a);
        yield CallToolResult.builder()
            .addTextContent(Json.pretty(value).stripTrailing())
            .structuredContent(value)
            .build();
      }
      case Refused r -> error(r.error());
    };
  }

  static CallToolResult error(String text) {
    return CallToolResult.builder().addTextContent(text).isError(true).build();
  }

  /** §7.4: the client's schema checks are not relied on; a wrong type becomes empty or absent. */
  static SendRequest coerce(Map<String, Object> args) {
    Map<String, Object> a = args == null ? Map.of() : args;
    List<String> attachments = new ArrayList<>();
    if (a.get("attachments") instanceof List<?> list) {
      // A non-string element becomes "", which fails the router's absolute-path check (§7.7 #2).
      list.forEach(e -> attachments.add(e instanceof String s ? s : ""));
    }
    return new SendRequest(
        a.get("personality") instanceof String s ? s : "",
        a.get("runtime") instanceof String s ? Optional.of(s) : Optional.empty(),
        a.get("message") instanceof String s ? s : "",
        a.get("topic") instanceof String s ? Optional.of(s) : Optional.empty(),
        attachments,
        "mcp");
  }
}
