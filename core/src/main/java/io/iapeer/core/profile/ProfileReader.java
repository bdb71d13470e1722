package io.iapeer.core.profile;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.NameNormalizer;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.PeerPaths;

/** Reads a local profile with the errors of 01 §9.3; unknown fields are ignored here, kept by the writer. */
public final class ProfileReader {
  static final String FILE = ".iapeer/peer-profile.json";

  private ProfileReader() {}

  /** The profile of {@code cwd}, or empty when the file does not exist. */
  public static Optional<PeerProfile> read(Path cwd) {
    return readRaw(cwd).map(raw -> parse(cwd, raw));
  }

  /**
   * The stored object, or empty when absent. Invalid JSON, a non-object root or an unreadable file
   * is an error: a profile we cannot read is never silently treated as missing.
   */
  public static Optional<ObjectNode> readRaw(Path cwd) {
    Path file = new PeerPaths(cwd).profile();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    return Optional.of(parseRaw(file, text));
  }

  /** The stored object of {@code file} from its text, with the errors of {@link #readRaw}. */
  public static ObjectNode parseRaw(Path file, String text) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (JacksonException e) {
      throw new UnreadableProfile(file, "invalid JSON", Json.shortMessage(e));
    }
    if (!(node instanceof ObjectNode obj)) {
      throw new UnreadableProfile(file, "not a JSON object", "");
    }
    return obj;
  }

  public static UnreadableProfile unreadable(Path file, IOException e) {
    return new UnreadableProfile(file, "unreadable", String.valueOf(e.getMessage()));
  }

  public static PeerProfile parse(Path cwd, ObjectNode raw) {
    JsonNode p = raw.get("personality");
    if (p == null || !p.isString() || p.asString().isBlank()) {
      throw new IapException(FILE + " personality is required");
    }
    String personality = NameNormalizer.normalize(p.asString());
    if (!Names.isPersonality(personality)) {
      throw new IapException(
          "peer-profile personality must match /" + Names.PERSONALITY_REGEX + "/, got \""
              + p.asString() + "\"");
    }
    String runtime = defaultRuntime(raw);
    List<String> runtimes = runtimes(raw, runtime);

    JsonNode d = raw.get("description");
    String description = d != null && d.isString() ? d.asString().trim() : "";

    JsonNode i = raw.get("intelligence");
    Intelligence intelligence;
    Optional<String> intelligenceRaw = Optional.empty();
    if (i == null || i.isNull() || (i.isString() && i.asString().isEmpty())) {
      intelligence = Runtimes.defaultIntelligence(runtime);
    } else {
      String rawWord = i.isString() ? i.asString() : i.toString();
      intelligence =
          Intelligence.normalize(i.isString() ? rawWord : null)
              .orElseThrow(
                  () ->
                      new IapException(
                          "peer-profile intelligence must be one of artificial|natural|absent"
                              + " (legacy human|scripted accepted), got \"" + rawWord + "\""));
      intelligenceRaw = Optional.of(rawWord);
    }

    JsonNode ip = raw.get("initial_prompt");
    Optional<String> initialPrompt =
        ip != null && ip.isString() && !ip.asString().isEmpty()
            ? Optional.of(ip.asString())
            : Optional.empty();
    boolean ephemeral = textEquals(raw.get("wake_policy"), "ephemeral");
    boolean gated = textEquals(raw.get("approval_mode"), "gated");

    JsonNode ifs = raw.get("interfaces");
    Optional<ObjectNode> interfaces = Optional.empty();
    if (ifs != null) {
      if (!(ifs instanceof ObjectNode o)) {
        throw new IapException(FILE + " interfaces must be a JSON object");
      }
      interfaces = Optional.of(o);
    }
    return new PeerProfile(
        cwd, personality, runtime, runtimes, description, intelligence, intelligenceRaw,
        initialPrompt, ephemeral, gated, interfaces, raw);
  }

  /** {@code default_runtime}, falling back to the legacy {@code runtime} only when absent or null. */
  private static String defaultRuntime(ObjectNode raw) {
    JsonNode dr = raw.get("default_runtime");
    JsonNode chosen = dr == null || dr.isNull() ? raw.get("runtime") : dr;
    if (chosen == null || !chosen.isString() || !Names.isRuntime(chosen.asString())) {
      throw new IapException(
          "peer-profile default_runtime must be a runtime id matching /" + Names.RUNTIME_REGEX
              + "/, got " + shown(chosen));
    }
    return chosen.asString();
  }

  private static List<String> runtimes(ObjectNode raw, String runtime) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    out.add(runtime);
    JsonNode rs = raw.get("runtimes");
    if (rs != null && rs.isArray()) {
      for (JsonNode item : rs) {
        if (!item.isString() || !Names.isRuntime(item.asString())) {
          throw new IapException(
              "peer-profile runtimes item must be a runtime id matching /" + Names.RUNTIME_REGEX
                  + "/, got " + shown(item));
        }
        out.add(item.asString());
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean textEquals(JsonNode n, String v) {
    return n != null && n.isString() && n.asString().equals(v);
  }

  static String shown(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    return n.isString() ? "\"" + n.asString() + "\"" : n.toString();
  }
}
