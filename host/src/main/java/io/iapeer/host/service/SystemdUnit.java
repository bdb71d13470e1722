package io.iapeer.host.service;

import io.iapeer.core.IapException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The systemd user unit of a spec (04 §4.3.2): always on like a KeepAlive job, restarted after
 * the throttle on any exit, never given up on. Our marker is an {@code X-} key, which systemd
 * ignores.
 */
final class SystemdUnit {
  static final String MARKER = "X-Iapeer-Managed";
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SystemdUnit() {}

  static String render(ServiceSpec spec) {
    StringBuilder b = new StringBuilder();
    b.append("# managed by iapeer (com.iapeer.managed)\n");
    b.append("[Unit]\n");
    b.append("Description=").append(specifiers(clean(spec.description()))).append('\n');
    b.append(MARKER).append("=yes\n");
    b.append("StartLimitIntervalSec=0\n");
    b.append("\n[Service]\n");
    b.append("Type=simple\n");
    b.append("ExecStart=").append(execStart(spec.argv())).append('\n');
    b.append("WorkingDirectory=").append(rawPath("WorkingDirectory", spec.workingDir())).append('\n');
    for (Map.Entry<String, String> e : spec.env().entrySet()) {
      b.append("Environment=").append(environment(e.getKey(), e.getValue())).append('\n');
    }
    b.append("Restart=always\n");
    b.append("RestartSec=").append(spec.throttle().toSeconds()).append('\n');
    // systemd before 240 ignores append: with a warning and keeps the journal, which is the fallback.
    b.append("StandardOutput=append:").append(rawPath("StandardOutput", spec.stdout())).append('\n');
    b.append("StandardError=append:").append(rawPath("StandardError", spec.stderr())).append('\n');
    if (spec.daemon()) {
      // Stopping the router must not kill the agent sessions it started: they share its cgroup.
      b.append("KillMode=process\n");
    } else {
      // run-infra tears its session down on SIGTERM; whatever is left is killed after the timeout.
      b.append("KillMode=mixed\n");
      b.append("TimeoutStopSec=20\n");
    }
    b.append("\n[Install]\n");
    b.append("WantedBy=default.target\n");
    return b.toString();
  }

  /** A trimmed line starting with the marker key. */
  static boolean isOwned(String text) {
    return text.lines().anyMatch(l -> l.strip().startsWith(MARKER + "="));
  }

  /**
   * The words of {@code ExecStart=} (04 §4.3.3). The program is never variable-expanded, and
   * systemd refuses a program path holding a quote or a backslash; the arguments have {@code $}
   * doubled, because systemd expands {@code $VAR} in them.
   */
  static String execStart(List<String> argv) {
    String program = clean(argv.getFirst());
    if (program.matches(".*[\"'\\\\].*")) {
      throw new IapException("cannot run " + program + " from a systemd unit: systemd refuses a program path"
          + " with a quote or a backslash — install iapeer under a plainer path");
    }
    StringBuilder b = new StringBuilder(word(specifiers(program)));
    for (String arg : argv.subList(1, argv.size())) {
      b.append(' ').append(word(specifiers(clean(arg)).replace("$", "$$")));
    }
    return b.toString();
  }

  /** {@code "K=V"}, always quoted; {@code $} means nothing in Environment=, {@code %} does. */
  static String environment(String key, String value) {
    if (!ENV_NAME.matcher(key).matches()) {
      throw new IapException("cannot set environment variable \"" + key + "\" in a systemd unit: not a valid name");
    }
    return quoted(specifiers(key + "=" + clean(value)));
  }

  /**
   * Drops every control character: a line break would end the value and start a directive of its
   * own; the others systemd refuses or mangles.
   */
  static String clean(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().filter(c -> c >= 0x20 && c != 0x7F).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** {@code %} starts a specifier in every value. */
  private static String specifiers(String s) {
    return s.replace("%", "%%");
  }

  /**
   * A path value systemd reads raw: no quoting exists for it, and the unit parser strips trailing
   * blanks and joins a line ending in a backslash with the next.
   */
  private static String rawPath(String key, Path path) {
    String p = specifiers(clean(path.toString()));
    if (p.isEmpty() || p.endsWith("\\") || Character.isWhitespace(p.charAt(p.length() - 1))) {
      throw new IapException("cannot write " + key + "=" + path + " in a systemd unit: a path ending in a blank"
          + " or a backslash cannot be expressed — use a folder whose name does not end so");
    }
    return p;
  }

  /** Quoted when it would otherwise split, unquote, unescape or separate commands (a lone ;). */
  private static String word(String w) {
    boolean plain = !w.isEmpty() && !w.equals(";") && w.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\'
        || c == '\'');
    return plain ? w : quoted(w);
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
