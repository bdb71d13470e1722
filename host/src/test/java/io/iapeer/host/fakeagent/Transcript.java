package io.iapeer.host.fakeagent;

import io.iapeer.core.storage.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The session file the fake writes where the real CLI would (03 §11 F5), in the record shapes the
 * adapters read: claude under {@code ~/.claude/projects/<slug>/}, codex under the date-nested
 * {@code sessions/} tree with a {@code session_meta} first line.
 */
final class Transcript {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ROLLOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

  private final boolean claude;
  final Path file;
  final String id;
  private final Path subagentFile;
  private final Path codexCwd;

  private Transcript(boolean claude, Path file, String id, Path subagentFile, Path codexCwd) {
    this.claude = claude;
    this.file = file;
    this.id = id;
    this.subagentFile = subagentFile;
    this.codexCwd = codexCwd;
  }

  static String now() {
    return ISO.format(Instant.now());
  }

  /** realpath(cwd) with every UTF-16 code unit outside [A-Za-z0-9] replaced by '-' (03 §3.2). */
  static String slug(Path cwd) {
    StringBuilder b = new StringBuilder(realpath(cwd).toString());
    for (int i = 0; i < b.length(); i++) {
      char c = b.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        b.setCharAt(i, '-');
      }
    }
    return b.toString();
  }

  static Path realpath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /**
   * Fresh: a new uuid and file name. Resume: the newest existing file for the folder, or the CLI's
   * refusal. Nothing is written yet.
   */
  static Transcript locate(Launch launch) throws Launch.Refused, IOException {
    if (launch.claude()) {
      Path dir = launch.home().resolve(".claude/projects").resolve(slug(launch.cwd()));
      if (launch.resume()) {
        Path newest = newest(listJsonl(dir, 1).stream()).orElseThrow(Transcript::nothingToResume);
        String name = newest.getFileName().toString();
        String id = name.substring(0, name.length() - ".jsonl".length());
        return new Transcript(true, newest, id, dir.resolve(id).resolve("subagents/agent-1.jsonl"), null);
      }
      String id = UUID.randomUUID().toString();
      return new Transcript(true, dir.resolve(id + ".jsonl"), id, dir.resolve(id).resolve("subagents/agent-1.jsonl"), null);
    }
    Path root = launch.codexHome().resolve("sessions");
    Path cwd = realpath(launch.workDir());
    if (launch.resume()) {
      Path newest =
          newest(listJsonl(root, 4).stream().filter(f -> cwd.equals(metaCwd(f)))).orElseThrow(Transcript::nothingToResume);
      return new Transcript(false, newest, metaId(newest), null, null);
    }
    String id = UUID.randomUUID().toString();
    LocalDateTime t = LocalDateTime.now();
    Path file =
        root.resolve(String.format("%04d/%02d/%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth()))
            .resolve("rollout-" + ROLLOUT.format(t) + "-" + id + ".jsonl");
    return new Transcript(false, file, id, null, cwd);
  }

  /**
   * Boot-time write: a fresh codex session file starts with its session_meta line (claude creates
   * its file lazily, with the first record).
   */
  void begin() {
    if (codexCwd != null) {
      codex("session_meta", p -> p.put("id", id).put("cwd", codexCwd.toString()));
    }
  }

  private static Launch.Refused nothingToResume() {
    return new Launch.Refused("No conversation found to continue", 1);
  }

  private static List<Path> listJsonl(Path dir, int depth) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir, depth)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(f)).toList();
    }
  }

  private static Optional<Path> newest(Stream<Path> files) {
    return files.max(Comparator.comparing(Transcript::mtime));
  }

  private static FileTime mtime(Path f) {
    try {
      return Files.getLastModifiedTime(f);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  private static JsonNode firstLine(Path f) {
    try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      String line = r.readLine();
      JsonNode n = line == null ? null : Json.parse(line);
      return n != null && "session_meta".equals(text(n.path("type"))) ? n : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Path metaCwd(Path f) {
    JsonNode n = firstLine(f);
    String cwd = n == null ? "" : text(n.path("payload").path("cwd"));
    return cwd.isEmpty() ? null : realpath(Path.of(cwd));
  }

  private static String metaId(Path f) {
    JsonNode n = firstLine(f);
    return n == null ? "" : text(n.path("payload").path("id"));
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.stringValue() : "";
  }

  void user(String text) {
    if (claude) {
      ObjectNode r = typed("user");
      r.putObject("message").put("role", "user").put("content", text);
      append(stamp(r));
    } else {
      codex("response_item", p -> {
        p.put("type", "message").put("role", "user");
        p.putArray("content").addObject().put("type", "input_text").put("text", text);
      });
    }
  }

  void reply(String text) {
    if (claude) {
      ObjectNode r = typed("assistant");
      ObjectNode m = r.putObject("message").put("role", "assistant");
      m.putArray("content").addObject().put("type", "text").put("text", text);
      append(stamp(r));
    } else {
      codex("event_msg", p -> p.put("type", "agent_message").put("message", text));
    }
  }

  /** Metadata without a timestamp: the last-turn reader (03 §3.6) must skip it. */
  void title(String title) {
    append(typed("ai-title").put("title", title));
  }

  void interrupted() {
    if (claude) {
      ObjectNode r = typed("user");
      r.putObject("message").put("role", "user").put("content", "[Request interrupted by user]");
      append(stamp(r));
    } else {
      codex("event_msg", p -> p.put("type", "turn_aborted"));
    }
  }

  void compacted() {
    if (claude) {
      ObjectNode r = typed("system").put("subtype", "compact_boundary");
      r.putObject("compactMetadata").put("trigger", "manual").put("preTokens", 1234);
      append(stamp(r));
    } else {
      codex("event_msg", p -> p.put("type", "context_compacted"));
    }
  }

  /** claude only: input submitted behind a running turn is journaled at once. */
  void queue(String operation, String content) {
    ObjectNode r = typed("queue-operation").put("operation", operation);
    stamp(r).put("sessionId", id);
    if (content != null) {
      r.put("content", content);
    }
    append(r);
  }

  /** A re-save: the mtime moves, the content does not (03 §5 step 7e, §9.6 step 4). */
  void touch() {
    try {
      if (Files.exists(file)) {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void subagentTick() {
    if (subagentFile != null) {
      ObjectNode r = typed("assistant");
      r.putObject("message").put("role", "assistant").put("content", "sub-agent working");
      write(subagentFile, stamp(r));
    }
  }

  private ObjectNode typed(String type) {
    return Json.object().put("type", type);
  }

  private ObjectNode stamp(ObjectNode r) {
    return r.put("timestamp", now());
  }

  /** A codex record: {timestamp, type, payload}. */
  private void codex(String type, Consumer<ObjectNode> payload) {
    ObjectNode r = Json.object().put("timestamp", now()).put("type", type);
    payload.accept(r.putObject("payload"));
    append(r);
  }

  private void append(ObjectNode r) {
    write(file, r);
  }

  private static void write(Path f, ObjectNode r) {
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, Json.compact(r) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
