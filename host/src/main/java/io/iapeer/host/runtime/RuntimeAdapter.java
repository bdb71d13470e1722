package io.iapeer.host.runtime;

import io.iapeer.core.peer.Intelligence;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What iapeer knows about one runtime's program (03 §3.1): how to start it, how to read its screen
 * and where it keeps its transcripts. Pure logic over screen text and files — it never drives a
 * session itself.
 */
public sealed interface RuntimeAdapter permits TuiAdapter, RouterAdapter {

  enum Kind {
    /** An agent CLI: boot dialogs, readiness, transcripts (claude, codex). */
    TUI,
    /** An always-on router: no TUI phases (telegram, notifier). */
    ROUTER
  }

  /** What proves a typed message was delivered (03 §7.1 step 6, 06 D2). */
  enum DeliveryConfirm {
    /** claude: a transcript record written after the baseline carries the message. */
    TRANSCRIPT,
    /** codex: the composer cleared and the session is alive (its input queue is durable). */
    SOCKET_ACK,
    /** routers: paste + {@code C-j} succeeded on a live pane. */
    PASTE
  }

  String runtime();

  Kind kind();

  /** Whether the peer gets a composed system prompt (03 §8). */
  default boolean usesDoctrine() {
    return kind() == Kind.TUI;
  }

  /** The intelligence a peer must have to be launched here; empty = no gate (03 §5 step 0). */
  Optional<Intelligence> requiredIntelligence();

  /** Glyphs that start the composer row at column 0 (03 §7.1). */
  List<String> promptGlyphs();

  /** Extra "the paste landed in the composer" patterns (03 §7.1). */
  List<Pattern> pastePatterns();

  /** SGR parameters the runtime draws placeholder (ghost) text with. */
  List<String> ghostTextSgr();

  DeliveryConfirm deliveryConfirm();

  /** The program to run; empty when it cannot be found on this host (06 D8). */
  Optional<String> binary();

  /**
   * The command line, {@code bin} first. {@code spec.extraArgs()} already holds the caller's extras
   * followed by launch.env's {@code PEER_START_ARGS} (03 §4.2).
   *
   * @param disallowedTools launch.env's {@code PEER_DISALLOWED_TOOLS}: empty = absent (03 §4.1)
   */
  List<String> argv(String bin, LaunchSpec spec, Optional<String> disallowedTools);

  /** The answer to a start-up dialog visible on {@code screen}. */
  BootDialog bootDialog(String screen);

  /** Keys that dismiss a mid-session modal (one step per call); empty when none is up. */
  default Optional<List<String>> nagDismissKeys(String screen) {
    return Optional.empty();
  }

  /** The composer is drawn and no start-up dialog is visible. */
  boolean isInputReady(String screen);

  /** The newest transcript file's mtime (ready gate, warm-delivery confirm). */
  Optional<Instant> newestActivityMtime(Path cwd);

  /** The content timestamp of the last timestamped transcript entry (idle accounting, 03 §3.6). */
  Optional<Instant> lastTurnMtime(Path cwd);

  /** The newest sub-agent transcript mtime (claude only). */
  default Optional<Instant> childActivityMtime(Path cwd) {
    return Optional.empty();
  }

  Resume resolveResume(Path cwd);

  /** The files a completion gate or a delivery confirm watches for new records (03 §7.2). */
  List<Path> transcriptFiles(Path cwd);

  /** Whether one transcript record says a compaction finished (03 §7.2 step 2). */
  boolean isCompactMarker(JsonNode record);

  /** The key plan of a control action; empty = not supported by this runtime. */
  Optional<KeyPlan> control(String name);
}
