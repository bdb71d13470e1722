package io.iapeer.host.fakeagent;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pane as the fake sees it (03 §11 F3). Java has no termios API, so raw mode is {@code stty}
 * run on {@code /dev/tty}; the previous settings are put back on close. Every frame is drawn from
 * the home position over the old one ({@code ESC[K} per line, {@code ESC[J} below) rather than
 * with a clear-screen, which tmux would scroll into the pane's history on every redraw.
 */
final class Terminal {
  private static final String ESC = "\u001b";

  private final OutputStream out = new FileOutputStream(FileDescriptor.out);
  private final String saved;
  final int rows;
  final int cols;

  private Terminal(String saved, int rows, int cols) {
    this.saved = saved;
    this.rows = rows;
    this.cols = cols;
  }

  /** Raw, no echo, bracketed paste on; without a terminal (a pipe) it still draws, as 50×220. */
  static Terminal open() {
    String saved = stty("-g");
    if (saved != null) {
      stty("raw -echo");
    }
    int rows = 50;
    int cols = 220;
    String size = stty("size");
    if (size != null) {
      String[] rc = size.split("\\s+");
      if (rc.length == 2 && Integer.parseInt(rc[0]) > 0 && Integer.parseInt(rc[1]) > 0) {
        rows = Integer.parseInt(rc[0]);
        cols = Integer.parseInt(rc[1]);
      }
    }
    Terminal t = new Terminal(saved, rows, cols);
    t.write(ESC + "[?2004h");
    return t;
  }

  /** Leaves the cursor below the last frame and gives the terminal back as it was found. */
  void close() {
    write(ESC + "[?2004l\r\n");
    if (saved != null) {
      stty(saved);
    }
  }

  synchronized void write(String s) {
    try {
      out.write(s.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Draws the frame's last lines that fit and parks the cursor at (line, column) of the frame,
   * which is where a real TUI leaves it: at the end of the composer's text.
   */
  void draw(List<String> lines, int cursorLine, int cursorCol) {
    int start = 0;
    int total = lines.stream().mapToInt(this::height).sum();
    while (total > rows && start < lines.size() - 1) {
      total -= height(lines.get(start++));
    }
    StringBuilder b = new StringBuilder(ESC + "[?25l" + ESC + "[H");
    int cursorRow = 0;
    for (int i = start; i < lines.size(); i++) {
      if (i > start) {
        b.append("\r\n");
      }
      b.append(lines.get(i)).append(ESC).append("[K");
      if (i < cursorLine) {
        cursorRow += height(lines.get(i));
      }
    }
    b.append(ESC).append("[J");
    if (cursorLine >= start) {
      b.append(ESC).append('[').append(cursorRow + cursorCol / cols + 1).append(';').append(cursorCol % cols + 1).append('H');
    }
    write(b.append(ESC).append("[?25h").toString());
  }

  private int height(String line) {
    return Math.max(1, (width(line) + cols - 1) / cols);
  }

  /** Terminal columns of a line: SGR sequences take none, East Asian wide and emoji take two. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == 0x1b) {
        while (i < s.length() && !Character.isLetter(s.charAt(i))) {
          i++;
        }
        i++;
        continue;
      }
      int type = Character.getType(cp);
      if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
        continue;
      }
      w += wide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115f)
        || (cp >= 0x2e80 && cp <= 0xa4cf)
        || (cp >= 0xac00 && cp <= 0xd7a3)
        || (cp >= 0xf900 && cp <= 0xfaff)
        || (cp >= 0xfe30 && cp <= 0xfe4f)
        || (cp >= 0xff00 && cp <= 0xff60)
        || (cp >= 0xffe0 && cp <= 0xffe6)
        || (cp >= 0x1f300 && cp <= 0x1faff)
        || (cp >= 0x20000 && cp <= 0x3fffd);
  }

  /** {@code stty <args>} on the controlling terminal; its output, or null when that failed. */
  private static String stty(String args) {
    try {
      Process p =
          new ProcessBuilder("/bin/sh", "-c", "stty " + args + " < /dev/tty")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(2, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? output : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
