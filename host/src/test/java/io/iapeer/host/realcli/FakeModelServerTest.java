package io.iapeer.host.realcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.core.storage.Json;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/** The fake model speaks the shapes the real CLIs accepted (real-runtimes.md), and records. */
class FakeModelServerTest {
  static final String TOOLS = "\"tools\":[{\"name\":\"Bash\"}]";

  final FakeModelServer server = FakeModelServer.start();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    server.close();
    http.close();
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(URI.create(server.anthropicBaseUrl() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** The {@code data:} JSON of each event, after checking each event's name is its type. */
  static List<JsonNode> events(String sse) {
    return Arrays.stream(sse.split("\n\n")).map(chunk -> {
      String[] lines = chunk.split("\n");
      JsonNode data = Json.parse(lines[1].substring("data: ".length()));
      assertThat(lines[0]).isEqualTo("event: " + data.get("type").asString());
      return data;
    }).toList();
  }

  static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.get("type").asString()).toList();
  }

  @Test
  void anthropicStreamsTheDefaultTextAndRecordsTheBetaQuery() throws Exception {
    HttpResponse<String> r = post("/v1/messages?beta=true", "{\"model\":\"m\",\"stream\":true," + TOOLS + "}");

    assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
    List<JsonNode> events = events(r.body());
    assertThat(types(events)).containsExactly("message_start", "content_block_start", "content_block_delta",
        "content_block_stop", "message_delta", "message_stop");
    assertThat(events.get(2).at("/delta/type").asString()).isEqualTo("text_delta");
    assertThat(events.get(2).at("/delta/text").asString()).isEqualTo("ack");
    assertThat(events.get(4).at("/delta/stop_reason").asString()).isEqualTo("end_turn");
    assertThat(server.requests()).singleElement().satisfies(req -> {
      assertThat(req.path()).isEqualTo("/v1/messages");
      assertThat(req.query()).isEqualTo("beta=true");
    });
  }

  @Test
  void anthropicAnswersWithoutStreamingAndCountsTokens() throws Exception {
    server.defaultText("hello");
    JsonNode msg = Json.parse(post("/v1/messages", "{\"model\":\"m\"}").body());
    assertThat(msg.at("/content/0/text").asString()).isEqualTo("hello");
    assertThat(msg.get("stop_reason").asString()).isEqualTo("end_turn");

    assertThat(Json.parse(post("/v1/messages/count_tokens", "{}").body()).get("input_tokens").asInt()).isPositive();
  }

  @Test
  void aScriptedToolUseGoesToTheNextTurnNotToASideRequest() throws Exception {
    server.reply(Reply.toolUse("toolu_1", "mcp__iapeer__send_to_peer", "{\"to\":\"bob\"}"));

    JsonNode side = Json.parse(post("/v1/messages", "{\"model\":\"m\"}").body());
    assertThat(side.at("/content/0/type").asString()).isEqualTo("text");
    List<JsonNode> turn = events(post("/v1/messages", "{\"model\":\"m\",\"stream\":true," + TOOLS + "}").body());
    assertThat(turn.get(1).get("content_block").toString())
        .isEqualTo("{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"mcp__iapeer__send_to_peer\",\"input\":{}}");
    assertThat(turn.get(2).at("/delta/partial_json").asString()).isEqualTo("{\"to\":\"bob\"}");
    assertThat(turn.get(4).at("/delta/stop_reason").asString()).isEqualTo("tool_use");
    assertThat(server.turns()).hasSize(1);
  }

  @Test
  void responsesStreamTextThenANamespacedFunctionCall() throws Exception {
    server.reply(Reply.text("first"))
        .reply(Reply.functionCall("call_1", "mcp__iapeer", "send_to_peer", "{\"to\":\"bob\"}"));
    String turn = "{\"model\":\"fake-model\",\"stream\":true," + TOOLS + "}";

    List<JsonNode> text = events(post("/v1/responses", turn).body());
    assertThat(types(text)).containsExactly("response.created", "response.output_item.added",
        "response.output_text.delta", "response.output_item.done", "response.completed");
    assertThat(text.get(2).get("delta").asString()).isEqualTo("first");
    assertThat(text.get(3).at("/item/content/0/text").asString()).isEqualTo("first");
    assertThat(text.get(4).at("/response/usage/total_tokens").asInt()).isPositive();

    List<JsonNode> call = events(post("/v1/responses", turn).body());
    assertThat(types(call)).containsExactly("response.created", "response.output_item.added",
        "response.function_call_arguments.delta", "response.function_call_arguments.done",
        "response.output_item.done", "response.completed");
    JsonNode item = call.get(4).get("item");
    assertThat(item.get("type").asString()).isEqualTo("function_call");
    assertThat(item.get("namespace").asString()).isEqualTo("mcp__iapeer");
    assertThat(item.get("name").asString()).isEqualTo("send_to_peer");
    assertThat(item.get("arguments").asString()).isEqualTo("{\"to\":\"bob\"}");
    assertThat(call.get(5).at("/response/output/0")).isEqualTo(item);
  }

  @Test
  void aReplyForTheOtherApiIsAServerError() throws Exception {
    server.reply(Reply.functionCall("call_1", "mcp__iapeer", "send_to_peer", "{}"));
    assertThat(post("/v1/messages", "{\"stream\":true," + TOOLS + "}").statusCode()).isEqualTo(500);
  }

  @Test
  void unknownRequestsAre404AndListed() throws Exception {
    HttpResponse<String> r = post("/v1/models", "");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("POST /v1/models");
    assertThat(server.unknown()).singleElement().extracting(ModelRequest::path).isEqualTo("/v1/models");
  }

  @Test
  void aHeldReplyWaitsForItsRelease() {
    CountDownLatch release = server.replyWhenReleased(Reply.text("late"));
    CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
        request("/v1/messages", "{\"stream\":true," + TOOLS + "}"), HttpResponse.BodyHandlers.ofString());

    await().until(() -> server.requests().size() == 1);
    assertThat(pending).isNotDone();
    release.countDown();
    assertThat(events(pending.join().body()).get(2).at("/delta/text").asString()).isEqualTo("late");
  }

  @Test
  void conversationTextsListEveryTurnInOrder() throws Exception {
    post("/v1/messages", "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},"
        + "{\"role\":\"assistant\",\"content\":\"ack\"},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"sent\"}]}]}");
    post("/v1/responses", "{\"input\":[{\"type\":\"message\",\"content\":[{\"type\":\"input_text\",\"text\":\"yo\"}]},"
        + "{\"type\":\"function_call_output\",\"output\":\"done\"}]}");

    assertThat(server.requests().get(0).conversationTexts()).containsExactly("hi", "ack", "sent");
    assertThat(server.requests().get(1).conversationTexts()).containsExactly("yo", "done");
  }

  @Test
  @Timeout(20) // the delta must arrive while the answer is still held, not only after the release
  void aStalledReplyStreamsUpToItsFirstDeltaAndFinishesOnRelease() throws Exception {
    CountDownLatch release = server.replyStalledMidStream(Reply.text("slow"));
    HttpResponse<InputStream> r = http.send(request("/v1/responses", "{\"stream\":true," + TOOLS + "}"),
        HttpResponse.BodyHandlers.ofInputStream());

    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String line;
      while (!(line = in.readLine()).startsWith("data: {\"type\":\"response.output_text.delta\"")) {
        assertThat(line).doesNotContain("response.output_item.done");
      }
      assertThat(line).contains("\"delta\":\"slow\"");
      release.countDown();
      assertThat(in.lines().toList()).contains("event: response.output_item.done", "event: response.completed");
    }
  }

  @Test
  void aCompactionRequestGetsTheSummaryAndLeavesTheScriptedReplyForTheNextTurn() throws Exception {
    server.reply(Reply.text("scripted"));
    String claude = "{\"stream\":true," + TOOLS + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
        + "{\"role\":\"user\",\"content\":\"CRITICAL: Respond with TEXT ONLY. Your task is to create a detailed "
        + "summary of the conversation so far, paying close attention\"}]}";
    String codex = "{\"stream\":true,\"tools\":[],\"input\":[{\"type\":\"message\",\"content\":[{\"type\":"
        + "\"input_text\",\"text\":\"You are performing a CONTEXT CHECKPOINT COMPACTION. Create a handoff\"}]}]}";

    assertThat(events(post("/v1/messages", claude).body()).get(2).at("/delta/text").asString())
        .isEqualTo(FakeModelServer.SUMMARY);
    assertThat(events(post("/v1/responses", codex).body()).get(2).get("delta").asString())
        .isEqualTo(FakeModelServer.SUMMARY);
    assertThat(events(post("/v1/messages", "{\"stream\":true," + TOOLS + "}").body()).get(2).at("/delta/text")
        .asString()).isEqualTo("scripted");
    assertThat(server.compactions()).hasSize(2);
    assertThat(server.turns()).hasSize(1);
  }
}
