package io.iapeer.host.realcli;

import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A fresh HOME for Claude Code, and what it writes there (real-runtimes.md). */
public final class ClaudeHome {
  private ClaudeHome() {}

  /**
   * Writes {@code ~/.claude.json}: onboarding done (else it runs a first-run flow that needs the
   * vendor's servers) and, when {@code apiKey} is given, that key pre-approved the way the CLI
   * records a "Yes" in its custom-API-key dialog: the key's last 20 characters.
   */
  public static void prepare(Path home, String apiKey) {
    ObjectNode config = Json.object().put("hasCompletedOnboarding", true);
    if (apiKey != null) {
      ObjectNode responses = config.putObject("customApiKeyResponses");
      responses.putArray("approved").add(keyTail(apiKey));
      responses.putArray("rejected");
    }
    Io.write(home.resolve(".claude.json"), Json.pretty(config));
  }

  static String keyTail(String apiKey) {
    return apiKey.substring(Math.max(0, apiKey.length() - 20));
  }

  static JsonNode config(Path home) {
    return Json.parse(Io.read(home.resolve(".claude.json")));
  }

  /** {@code ~/.claude/projects/<slug>}: the real path with every non-alphanumeric turned into '-'. */
  static Path projectDir(Path home, Path cwd) {
    return home.resolve(".claude/projects").resolve(Io.realPath(cwd).replaceAll("[^A-Za-z0-9]", "-"));
  }

  /** Every record of every transcript of {@code cwd}. */
  static List<JsonNode> transcript(Path home, Path cwd) {
    return Io.jsonl(projectDir(home, cwd), 1);
  }

  /** The text of each user turn in the transcript ({@code message.content}, a string or text blocks). */
  static List<String> userTexts(Path home, Path cwd) {
    return transcript(home, cwd).stream()
        .filter(r -> r.path("type").asString("").equals("user"))
        .flatMap(r -> {
          JsonNode content = r.at("/message/content");
          return content.isString() ? Stream.of(content.asString())
              : content.valueStream().map(b -> b.path("text").asString(""));
        })
        .toList();
  }
}
