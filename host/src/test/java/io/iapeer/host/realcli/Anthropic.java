package io.iapeer.host.realcli;

import io.iapeer.core.storage.Json;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic Messages API answers (the shapes Claude Code 2.1.332 accepted). */
final class Anthropic {
  private static final AtomicLong IDS = new AtomicLong();

  private Anthropic() {}

  /** The streamed form: message_start, one content block, message_delta, message_stop. */
  static String stream(Reply reply, String model) {
    ObjectNode start = Sse.typed("message_start");
    ObjectNode msg = envelope(model);
    msg.putArray("content");
    msg.putNull("stop_reason");
    start.set("message", msg);

    ObjectNode blockStart = Sse.typed("content_block_start").put("index", 0);
    ObjectNode delta = Sse.typed("content_block_delta").put("index", 0);
    switch (reply) {
      case Reply.Text t -> {
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        delta.putObject("delta").put("type", "text_delta").put("text", t.text());
      }
      case Reply.ToolUse u -> {
        ObjectNode block = blockStart.putObject("content_block").put("type", "tool_use");
        block.put("id", u.id()).put("name", u.name()).putObject("input");
        delta.putObject("delta").put("type", "input_json_delta").put("partial_json", u.inputJson());
      }
      case Reply.FunctionCall f -> throw wrongApi();
    }
    ObjectNode messageDelta = Sse.typed("message_delta");
    messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", 1);
    return new Sse()
        .event(start)
        .event(blockStart)
        .event(delta)
        .event(Sse.typed("content_block_stop").put("index", 0))
        .event(messageDelta)
        .event(Sse.typed("message_stop"))
        .toString();
  }

  /** The non-streamed form: one complete message. */
  static String message(Reply reply, String model) {
    ObjectNode msg = envelope(model);
    ObjectNode block = msg.putArray("content").addObject();
    switch (reply) {
      case Reply.Text t -> block.put("type", "text").put("text", t.text());
      case Reply.ToolUse u -> block.put("type", "tool_use").put("id", u.id()).put("name", u.name())
          .set("input", Json.parse(u.inputJson()));
      case Reply.FunctionCall f -> throw wrongApi();
    }
    msg.put("stop_reason", stopReason(reply));
    return Json.compact(msg);
  }

  private static ObjectNode envelope(String model) {
    ObjectNode msg = Json.object();
    msg.put("id", "msg_fake_" + IDS.incrementAndGet()).put("type", "message").put("role", "assistant");
    msg.put("model", model);
    msg.putNull("stop_sequence");
    msg.putObject("usage").put("input_tokens", 1).put("output_tokens", 1);
    return msg;
  }

  private static IllegalArgumentException wrongApi() {
    return new IllegalArgumentException("a Responses function_call cannot answer /v1/messages");
  }

  private static String stopReason(Reply reply) {
    return reply instanceof Reply.ToolUse ? "tool_use" : "end_turn";
  }
}
