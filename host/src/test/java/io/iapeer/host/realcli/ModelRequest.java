package io.iapeer.host.realcli;

import io.iapeer.core.storage.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** One request the fake model received, as sent (headers keyed in lower case). */
public record ModelRequest(
    String method, String path, String query, Map<String, String> headers, String body) {

  private static final List<String> COMPACTION_PROMPTS = List.of(
      "Your task is to create a detailed summary of the conversation so far",
      "You are performing a CONTEXT CHECKPOINT COMPACTION");

  public JsonNode json() {
    return Json.parse(body);
  }

  /**
   * A real agent turn rather than a side request: it offers tools. Codex also asks the model for a
   * thread title (no tools, a JSON-schema answer), which must not eat a scripted reply.
   */
  public boolean offersTools() {
    if (!body.startsWith("{")) {
      return false;
    }
    JsonNode tools = json().path("tools");
    return tools.isArray() && !tools.isEmpty();
  }

  /**
   * A request to summarise the conversation for a compaction, known by the instruction each CLI
   * sends as the last user message (observed): Claude Code 2.1.332 "CRITICAL: Respond with TEXT
   * ONLY… Your task is to create a detailed summary of the conversation so far…" with its tools
   * still offered; Codex 0.171.0 "You are performing a CONTEXT CHECKPOINT COMPACTION…" with none.
   */
  public boolean isCompaction() {
    if (!body.startsWith("{")) {
      return false;
    }
    List<String> texts = conversationTexts();
    return !texts.isEmpty() && COMPACTION_PROMPTS.stream().anyMatch(texts.getLast()::contains);
  }

  /**
   * Every text of the conversation, oldest first: the {@code text} and string {@code content} /
   * {@code output} values under Anthropic {@code messages} or Responses {@code input}, so user turns,
   * assistant turns and tool results all show up.
   */
  public List<String> conversationTexts() {
    JsonNode json = json();
    JsonNode conversation = json.has("messages") ? json.get("messages") : json.path("input");
    List<String> out = new ArrayList<>();
    collect(conversation, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        boolean textField = List.of("text", "content", "output").contains(e.getKey());
        if (textField && e.getValue().isString()) {
          out.add(e.getValue().asString());
        } else {
          collect(e.getValue(), out);
        }
      }
    }
  }
}
