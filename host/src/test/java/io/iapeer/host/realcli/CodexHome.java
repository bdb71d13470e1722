package io.iapeer.host.realcli;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A fresh CODEX_HOME pointed at the fake model, and the sessions Codex records there. */
final class CodexHome {
  /** The provider's {@code env_key}: Codex wants the variable set, any value. */
  static final String KEY_VARIABLE = "FAKE_KEY";

  private CodexHome() {}

  /**
   * Writes {@code config.toml}: a custom provider (which skips the sign-in menu), no update check
   * and, when {@code trusted} is given, that folder pre-trusted.
   */
  static void prepare(Path codexHome, String baseUrl, Path trusted) {
    StringBuilder toml = new StringBuilder()
        .append("model = \"fake-model\"\n")
        .append("model_provider = \"fake\"\n")
        .append("check_for_update_on_startup = false\n\n")
        .append("[model_providers.fake]\n")
        .append("name = \"fake\"\n")
        .append("base_url = ").append(quote(baseUrl)).append('\n')
        .append("env_key = \"").append(KEY_VARIABLE).append("\"\n")
        .append("wire_api = \"responses\"\n");
    if (trusted != null) {
      toml.append("\n[projects.").append(quote(Io.realPath(trusted))).append("]\n")
          .append("trust_level = \"trusted\"\n");
    }
    Io.write(codexHome.resolve("config.toml"), toml.toString());
  }

  static String config(Path codexHome) {
    return Io.read(codexHome.resolve("config.toml"));
  }

  /** Every record of every session file under {@code $CODEX_HOME/sessions} (date-nested). */
  static List<JsonNode> sessions(Path codexHome) {
    return Io.jsonl(codexHome.resolve("sessions"), Integer.MAX_VALUE);
  }

  /** The text of each user message item the sessions recorded. */
  static List<String> userTexts(Path codexHome) {
    return sessions(codexHome).stream()
        .map(r -> r.path("payload"))
        .filter(p -> p.path("type").asString("").equals("message") && p.path("role").asString("").equals("user"))
        .flatMap(p -> p.path("content").valueStream().map(c -> c.path("text").asString("")))
        .toList();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
