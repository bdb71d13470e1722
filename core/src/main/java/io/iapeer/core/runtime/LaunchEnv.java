package io.iapeer.core.runtime;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Modes;
import io.iapeer.core.storage.PeerPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer's per-runtime launch fragment {@code .iapeer/runtimes/<rt>/launch.env} (01 §16): extra
 * start arguments, the disallowed-tools override, and extra environment for the session.
 *
 * @param disallowedTools empty = the key was absent (adapter default); present and {@code ""} =
 *     omit the flag
 */
public record LaunchEnv(List<String> startArgs, Optional<String> disallowedTools, Map<String, String> env) {
  private static final Pattern LINE =
      Pattern.compile("(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

  public static final String SKELETON =
      """
      # launch.env — extra settings for this peer's sessions in this runtime.
      # One KEY=VALUE per line; an optional leading `export ` is allowed; lines starting with # are
      # comments. Values may be wrapped in "double" or 'single' quotes. There is no variable
      # expansion and no trailing comment: KEY=x # note sets KEY to "x # note".
      #
      # Extra arguments appended to the runtime's command line:
      # PEER_START_ARGS=--model some-model
      #
      # Tools the session may not use (claude); an empty value drops the flag entirely:
      # PEER_DISALLOWED_TOOLS=Edit,Write
      #
      # Any other variable is set in the session's environment:
      # MY_API_BASE=http://127.0.0.1:9000
      """;

  public LaunchEnv {
    startArgs = List.copyOf(startArgs);
    env = Map.copyOf(env);
  }

  public static LaunchEnv empty() {
    return new LaunchEnv(List.of(), Optional.empty(), Map.of());
  }

  /** Missing or unreadable ⇒ empty. */
  public static LaunchEnv read(Path cwd, String runtime) {
    Path file = new PeerPaths(cwd).launchEnv(runtime);
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return empty();
    }
  }

  public static LaunchEnv parse(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : text.split("\r?\n", -1)) {
      String t = line.trim();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(t);
      if (m.matches()) {
        vars.put(m.group(1), unquote(m.group(2).trim())); // later duplicates win
      }
    }
    String args = vars.remove("PEER_START_ARGS");
    List<String> startArgs =
        args == null || args.isBlank() ? List.of() : Arrays.asList(args.trim().split("\\s+"));
    Optional<String> disallowed =
        vars.containsKey("PEER_DISALLOWED_TOOLS")
            ? Optional.of(vars.remove("PEER_DISALLOWED_TOOLS"))
            : Optional.empty();
    return new LaunchEnv(startArgs, disallowed, vars);
  }

  private static String unquote(String v) {
    if (v.length() >= 2) {
      char first = v.charAt(0);
      char last = v.charAt(v.length() - 1);
      if ((first == '"' || first == '\'') && first == last) {
        return v.substring(1, v.length() - 1);
      }
    }
    return v;
  }

  /** An existing file is never modified (01 §16.2). */
  public static void writeSkeletonIfMissing(Path file) {
    if (!Files.exists(file)) {
      AtomicFiles.write(file, SKELETON, Modes.PRIVATE);
    }
  }
}
