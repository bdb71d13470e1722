package io.iapeer.host.realcli;

import io.iapeer.core.storage.Json;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI Responses API answers, streamed (the event sequence Codex 0.171.0 accepted). */
final class Responses {
  private static final AtomicLong IDS = new AtomicLong();

  private Responses() {}

  static String stream(Reply reply, String model) {
    long n = IDS.incrementAndGet();
    String respId = "resp_fake_" + n;
    String itemId = "item_fake_" + n;
    Sse sse = new Sse().event(event("response.created", response(respId, model, "in_progress")));
    ObjectNode done = item(reply, itemId, true);
    sse.event(outputItem("response.output_item.added", item(reply, itemId, false)));
    switch (reply) {
      case Reply.Text t -> sse.event(Sse.typed("response.output_text.delta").put("item_id", itemId)
          .put("output_index", 0).put("content_index", 0).put("delta", t.text()));
      case Reply.FunctionCall f -> sse
          .event(Sse.typed("response.function_call_arguments.delta").put("item_id", itemId)
              .put("output_index", 0).put("delta", f.argumentsJson()))
          .event(Sse.typed("response.function_call_arguments.done").put("item_id", itemId)
              .put("output_index", 0).put("arguments", f.argumentsJson()));
      case Reply.ToolUse u -> throw wrongApi();
    }
    sse.event(outputItem("response.output_item.done", done));
    ObjectNode completed = response(respId, model, "completed");
    ((ArrayNode) completed.get("output")).add(done);
    ObjectNode usage = completed.putObject("usage");
    usage.put("input_tokens", 1).putObject("input_tokens_details").put("cached_tokens", 0);
    usage.put("output_tokens", 1).putObject("output_tokens_details").put("reasoning_tokens", 0);
    usage.put("total_tokens", 2);
    return sse.event(event("response.completed", completed)).toString();
  }

  private static IllegalArgumentException wrongApi() {
    return new IllegalArgumentException("an Anthropic tool_use cannot answer /v1/responses");
  }

  private static ObjectNode response(String id, String model, String status) {
    ObjectNode r = Json.object();
    r.put("id", id).put("object", "response").put("status", status).put("model", model).putArray("output");
    return r;
  }

  private static ObjectNode event(String type, ObjectNode response) {
    ObjectNode event = Sse.typed(type);
    event.set("response", response);
    return event;
  }

  private static ObjectNode outputItem(String type, ObjectNode item) {
    ObjectNode event = Sse.typed(type).put("output_index", 0);
    event.set("item", item);
    return event;
  }

  /** The output item as first announced (empty) or finished (complete). */
  private static ObjectNode item(Reply reply, String itemId, boolean complete) {
    ObjectNode item = Sse.typed(reply instanceof Reply.FunctionCall ? "function_call" : "message").put("id", itemId);
    item.put("status", complete ? "completed" : "in_progress");
    switch (reply) {
      case Reply.Text t -> {
        item.put("role", "assistant");
        ArrayNode content = item.putArray("content");
        if (complete) {
          content.addObject().put("type", "output_text").put("text", t.text()).putArray("annotations");
        }
      }
      case Reply.FunctionCall f -> item.put("call_id", f.callId()).put("namespace", f.namespace())
          .put("name", f.name()).put("arguments", complete ? f.argumentsJson() : "");
      case Reply.ToolUse u -> throw wrongApi();
    }
    return item;
  }
}
