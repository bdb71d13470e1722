package io.iapeer.host.session;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Json;
import io.iapeer.host.runtime.RuntimeAdapter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Types a message into a live session (03 §7.1, 06 D2): bracketed paste, a submit verified by the
 * input line clearing, and for Claude the transcript record that proves the message landed. It
 * prefers a false failure (the sender retries) to a false success (a silent loss).
 */
public final class Typist {
  /**
   * @param grace how long Claude's transcript may take to show the message (IAP_LIVENESS_GRACE_MS)
   * @param submitBudget the whole Enter-and-confirm budget (IAP_TMUX_SUBMIT_TIMEOUT_MS)
   * @param routerSettle paste → Ctrl-J pause for routers (IAP_TMUX_PASTE_SETTLE_MS)
   */
  public record Timings(Duration grace, Duration submitBudget, Duration routerSettle) {
    public static final Duration PASTE_WAIT = Duration.ofMillis(1500);
    public static final Duration CLEAR_WAIT = Duration.ofMillis(500);
    /**
     * The longest pause between two looks at the screen. 03 §7.1 says 40 and 100 ms; on the typing
     * benchmark (bench/typing-latency.sh) waiting that long to look was most of what we cost over
     * a bare paste.
     */
    public static final Duration TICK = Duration.ofMillis(20);
    /**
     * The shortest pause between two looks, and the one between looks at the transcript, which
     * cost a stat and a read.
     */
    public static final Duration RECORD_TICK = Duration.ofMillis(2);

    /**
     * The pause after a look at the screen that took {@code look}: as long again, within
     * RECORD_TICK..TICK. A look through a tmux process (10 ms and more) is not repeated back to
     * back, taking CPU from the agent drawing the screen; one through a control client (under a
     * millisecond) is repeated soon, since it would otherwise be most of the wait.
     */
    static Duration after(Duration look) {
      return look.compareTo(RECORD_TICK) < 0 ? RECORD_TICK : look.compareTo(TICK) > 0 ? TICK : look;
    }
  }

  private final SessionHost host;
  private final Timings timings;
  private final Launcher.Pause pause;

  public Typist(SessionHost host, Timings timings, Launcher.Pause pause) {
    this.host = host;
    this.timings = timings;
    this.pause = pause;
  }

  public Typed type(Identity id, RuntimeAdapter adapter, Path cwd, String text) throws InterruptedException {
    try {
      if (adapter.kind() == RuntimeAdapter.Kind.ROUTER) {
        host.paste(id, text, PasteMode.ROUTER);
        pause.sleep(timings.routerSettle());
        host.sendKeys(id, "C-j");
        return new Typed.Delivered("paste");
      }
      Map<Path, Long> baseline = sizes(adapter.transcriptFiles(cwd));
      String tail = tailMarker(text);
      // The record that confirms delivery also proves the submit: no need to see the composer clear.
      BooleanSupplier recorded = adapter.deliveryConfirm() == RuntimeAdapter.DeliveryConfirm.TRANSCRIPT
          ? () -> recordCarrying(adapter.transcriptFiles(cwd), baseline, text).isPresent()
          : () -> false;
      host.paste(id, text, PasteMode.TUI);
      boolean cleared = submit(id, adapter, tail, recorded);
      if (adapter.deliveryConfirm() == RuntimeAdapter.DeliveryConfirm.SOCKET_ACK) {
        // Codex keeps a durable input queue and writes its session file only when the turn starts.
        return host.alive(id)
            ? new Typed.Delivered(cleared ? "input-cleared" : "alive")
            : new Typed.NotDelivered("peer session " + id + " died while the message was typed");
      }
      return confirmInTranscript(id, adapter, cwd, baseline, text, cleared);
    } catch (TmuxException e) {
      return new Typed.NotDelivered(e.getMessage());
    }
  }

  /**
   * Phase A waits for the paste to show, phase B presses Enter until the input line clears or the
   * transcript already holds the message. True when either was seen. Where a transcript record is
   * the proof (Claude), phase B reads the screen once per Enter, to decide on pressing it again:
   * a clear seen sooner would only start the same transcript wait sooner, and a tmux capture on
   * every tick delayed seeing the record and took CPU from the agent writing it.
   */
  private boolean submit(Identity id, RuntimeAdapter adapter, String tail, BooleanSupplier recorded)
      throws InterruptedException {
    boolean byTranscript = adapter.deliveryConfirm() == RuntimeAdapter.DeliveryConfirm.TRANSCRIPT;
    long start = System.nanoTime();
    while (elapsed(start).compareTo(Timings.PASTE_WAIT) < 0) {
      long look = System.nanoTime();
      if (holdsPaste(id, adapter, tail)) {
        break;
      }
      pause.sleep(Timings.after(elapsed(look)));
    }
    while (elapsed(start).compareTo(timings.submitBudget()) < 0) {
      host.sendKeys(id, "Enter");
      long pressed = System.nanoTime();
      // Enter took a tmux client call, often long enough for the record to be written: look first.
      if (recorded.getAsBoolean()) {
        return true;
      }
      Duration look = Duration.ZERO;
      while (elapsed(pressed).compareTo(Timings.CLEAR_WAIT) < 0) {
        pause.sleep(Timings.after(look));
        if (recorded.getAsBoolean()) {
          return true;
        }
        if (!byTranscript) {
          long at = System.nanoTime();
          if (!holdsPaste(id, adapter, tail)) {
            return true;
          }
          look = elapsed(at);
        }
      }
      if (byTranscript && !holdsPaste(id, adapter, tail)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the composer still holds the message: the band from the last row starting with the
   * runtime's prompt glyph down shows its last line or a "pasted text" placeholder. No composer
   * on screen counts as holding it (03 §7.1 step 5).
   */
  boolean holdsPaste(Identity id, RuntimeAdapter adapter, String tail) {
    String screen;
    try {
      screen = host.capture(id);
    } catch (RuntimeException e) {
      return true;
    }
    List<String> lines = screen.lines().toList();
    int prompt = -1;
    for (int i = lines.size() - 1; i >= 0 && prompt < 0; i--) {
      String l = lines.get(i);
      for (String glyph : adapter.promptGlyphs()) {
        if (l.startsWith(glyph)) {
          prompt = i;
        }
      }
    }
    if (prompt < 0) {
      return true;
    }
    String band = String.join("\n", lines.subList(prompt, lines.size()));
    return band.contains(tail) || adapter.pastePatterns().stream().anyMatch(p -> p.matcher(band).find());
  }

  /** 06 D2 for Claude: delivered only when a new transcript record carries the message. */
  private Typed confirmInTranscript(
      Identity id, RuntimeAdapter adapter, Path cwd, Map<Path, Long> baseline, String text, boolean cleared)
      throws InterruptedException {
    long start = System.nanoTime();
    while (true) {
      Optional<String> kind = recordCarrying(adapter.transcriptFiles(cwd), baseline, text);
      if (kind.isPresent()) {
        return kind.get().equals("queue-operation") ? new Typed.Queued() : new Typed.Delivered("transcript");
      }
      if (elapsed(start).compareTo(timings.grace()) >= 0) {
        break;
      }
      pause.sleep(Timings.RECORD_TICK);
    }
    return new Typed.NotDelivered(
        "peer \"" + id.personality() + "\" (" + id.runtime() + ") is listed live but did not accept the"
            + " message (" + (cleared ? "input cleared, " : "no input-clear, ") + "no transcript record within "
            + timings.grace().toMillis() + "ms) — live but unresponsive to this delivery (not dead);"
            + " message NOT delivered");
  }

  /**
   * The type of the first record written after the baseline that carries the whole message (03 §7.1
   * SHOULD): one string value holds it, or for an envelope with attachments — which Claude may
   * render as its own attachment items — the part before them and the message from {@code
   * <message>} on. The closing tag alone proves nothing: every envelope ends with it, so a queued
   * earlier message landing now would pass for this one.
   */
  static Optional<String> recordCarrying(List<Path> files, Map<Path, Long> baseline, String text) {
    List<String> parts = proofParts(text);
    for (Path f : files) {
      long from = baseline.getOrDefault(f, 0L);
      for (String line : readFrom(f, from).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        try {
          JsonNode record = Json.parse(line);
          if (carries(record, parts)) {
            return Optional.of(record.path("type").asString(""));
          }
        } catch (JacksonException e) {
          // a line still being written; the next poll reads it whole
        }
      }
    }
    return Optional.empty();
  }

  static List<String> proofParts(String text) {
    String t = lineFeeds(text).strip();
    int attachments = t.indexOf("\n<attachments>");
    int message = t.indexOf("<message>", Math.max(attachments, 0));
    return attachments >= 0 && message > attachments
        ? List.of(t.substring(0, attachments), t.substring(message))
        : List.of(t);
  }

  private static boolean carries(JsonNode node, List<String> parts) {
    if (node.isString()) {
      String value = lineFeeds(node.asString());
      return parts.stream().allMatch(value::contains);
    }
    for (JsonNode child : node) {
      if (carries(child, parts)) {
        return true;
      }
    }
    return false;
  }

  /** A paste reaches the TUI with CR for LF (03 §10.3); compare line breaks, not their bytes. */
  private static String lineFeeds(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String readFrom(Path f, long offset) {
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      long len = raf.length();
      if (len <= offset) {
        return "";
      }
      byte[] b = new byte[(int) Math.min(len - offset, 8 << 20)];
      raf.seek(offset);
      raf.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static Map<Path, Long> sizes(List<Path> files) {
    Map<Path, Long> m = new HashMap<>();
    for (Path f : files) {
      try {
        m.put(f, Files.size(f));
      } catch (IOException e) {
        // gone since listing: it has no baseline
      }
    }
    return m;
  }

  /** The last non-empty line, trimmed: what the composer shows of a multi-line paste. */
  static String tailMarker(String text) {
    List<String> lines = text.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? text : lines.get(lines.size() - 1);
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
