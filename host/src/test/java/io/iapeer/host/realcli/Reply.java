package io.iapeer.host.realcli;

/** One scripted model turn for {@link FakeModelServer}. */
public sealed interface Reply {

  /** Plain assistant text; both APIs. */
  record Text(String text) implements Reply {}

  /**
   * Anthropic only: a {@code tool_use} block, e.g. name {@code mcp__iapeer__send_to_peer}. The
   * next request carries the {@code tool_result}.
   */
  record ToolUse(String id, String name, String inputJson) implements Reply {}

  /**
   * Responses only: a {@code function_call} item. Codex offers MCP tools inside a namespace entry
   * and answers a flat {@code mcp__iapeer__send_to_peer} with "unsupported call", so the call
   * names the namespace ({@code mcp__iapeer}) and the bare tool ({@code send_to_peer}).
   */
  record FunctionCall(String callId, String namespace, String name, String argumentsJson)
      implements Reply {}

  static Reply text(String text) {
    return new Text(text);
  }

  static Reply toolUse(String id, String name, String inputJson) {
    return new ToolUse(id, name, inputJson);
  }

  static Reply functionCall(String callId, String namespace, String name, String argumentsJson) {
    return new FunctionCall(callId, namespace, name, argumentsJson);
  }
}
