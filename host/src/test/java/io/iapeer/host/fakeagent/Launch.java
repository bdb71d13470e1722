package io.iapeer.host.fakeagent;

import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one fake-agent process was started with (03 §11 F1, F2): the flavor, the parsed argv and the
 * environment. Parsing is forgiving like the real CLIs' for unknown tokens (kept as extras) and
 * strict for a flag whose value is missing.
 */
record Launch(
    String flavor,
    String argv0,
    List<String> args,
    boolean skipPermissions,
    boolean resume,
    String promptFile,
    Path cwd,
    Path workDir,
    List<String> extras,
    Map<String, String> env) {

  static final String CLAUDE = "claude";
  static final String CODEX = "codex";

  /** Always recorded when set (the launch ABI of 03 §4.2), besides the prefixes below. */
  private static final Set<String> RECORDED =
      Set.of("PATH", "HOME", "IS_SANDBOX", "TMUX", "TMUX_PANE", "TERM", "CLAUDECODE");

  private static final List<String> RECORDED_PREFIXES =
      List.of("PEER_", "IAPEER_", "CLAUDE_", "CODEX_", "FAKE_AGENT_");

  /** A launch the fake refuses, as the real CLI would: message on the terminal, then this exit code. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    final int code;

    Refused(String message, int code) {
      super(message);
      this.code = code;
    }
  }

  static Launch parse(List<String> args, Map<String, String> env, Path cwd) throws Refused {
    String argv0 = env.getOrDefault("FAKE_AGENT_ARGV0", "");
    String flavor = env.getOrDefault("FAKE_AGENT_FLAVOR", "");
    if (flavor.isEmpty()) {
      flavor = argv0.isEmpty() ? "" : Path.of(argv0).getFileName().toString();
    }
    if (!flavor.equals(CLAUDE) && !flavor.equals(CODEX)) {
      throw new Refused("fake agent: unknown flavor \"" + flavor + "\" (set FAKE_AGENT_FLAVOR or invoke as claude/codex)", 2);
    }
    boolean skip = false;
    boolean resume = false;
    String prompt = null;
    Path workDir = cwd;
    List<String> extras = new ArrayList<>();
    int i = 0;
    if (flavor.equals(CODEX) && args.size() >= 2 && args.get(0).equals("resume") && args.get(1).equals("--last")) {
      resume = true;
      i = 2;
    }
    for (; i < args.size(); i++) {
      String a = args.get(i);
      if (flavor.equals(CLAUDE)) {
        switch (a) {
          case "--dangerously-skip-permissions" -> skip = true;
          case "--continue" -> resume = true;
          case "--disallowedTools", "--add-dir" -> value(args, ++i, a);
          case "--system-prompt-file" -> prompt = value(args, ++i, a);
          default -> extras.add(a);
        }
      } else {
        switch (a) {
          case "--dangerously-bypass-approvals-and-sandbox" -> skip = true;
          case "--no-alt-screen", "--no-daemon" -> { }
          case "-C" -> workDir = cwd.resolve(value(args, ++i, a)).normalize();
          case "-c" -> {
            String kv = value(args, ++i, a);
            if (kv.startsWith("model_instructions_file=")) {
              prompt = kv.substring("model_instructions_file=".length());
            }
          }
          default -> extras.add(a);
        }
      }
    }
    return new Launch(flavor, argv0, List.copyOf(args), skip, resume, prompt, cwd, workDir, List.copyOf(extras), env);
  }

  private static String value(List<String> args, int i, String flag) throws Refused {
    if (i >= args.size()) {
      throw new Refused("error: option '" + flag + "' argument missing", 1);
    }
    return args.get(i);
  }

  boolean claude() {
    return flavor.equals(CLAUDE);
  }

  String knob(String name) {
    return env.getOrDefault("FAKE_AGENT_" + name, "");
  }

  boolean flag(String name) {
    String v = knob(name).trim().toLowerCase();
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }

  /** A non-negative integer knob, else the fallback. */
  long number(String name, long fallback) {
    try {
      long v = Long.parseLong(knob(name).trim());
      return v >= 0 ? v : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  Path home() {
    String h = env.getOrDefault("HOME", "").trim();
    return Path.of(h.isEmpty() ? System.getProperty("user.home") : h);
  }

  Path codexHome() {
    String c = env.getOrDefault("CODEX_HOME", "").trim();
    return c.isEmpty() ? home().resolve(".codex") : Path.of(c);
  }

  /** Appends the launch record (F2) so tests can assert argv order, the env ABI and the prompt. */
  void record(long pid, Path transcript) throws IOException {
    String target = knob("RECORD");
    Path file = target.isEmpty() ? cwd.resolve(".fake-agent/launches.jsonl") : Path.of(target);
    ObjectNode rec = Json.object();
    rec.put("ts", Transcript.now());
    rec.put("pid", pid);
    rec.put("flavor", flavor);
    rec.put("argv0", argv0);
    ArrayNode argv = rec.putArray("argv");
    args.forEach(argv::add);
    ArrayNode ex = rec.putArray("extras");
    extras.forEach(ex::add);
    rec.put("cwd", cwd.toString());
    rec.put("workDir", workDir.toString());
    rec.put("resume", resume);
    ObjectNode e = rec.putObject("env");
    Set<String> extra = Set.of(knob("RECORD_ENV").split(","));
    new TreeMap<>(env).forEach((k, v) -> {
      if (RECORDED.contains(k) || extra.contains(k) || RECORDED_PREFIXES.stream().anyMatch(k::startsWith)) {
        e.put(k, v);
      }
    });
    rec.put("promptFile", promptFile);
    rec.put("promptSha256", promptFile == null ? null : sha256(cwd.resolve(promptFile)));
    rec.put("transcript", transcript == null ? null : transcript.toString());
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, Json.compact(rec) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /** Null when the file cannot be read: the record then shows the launcher passed a dead path. */
  private static String sha256(Path file) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      return null;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
