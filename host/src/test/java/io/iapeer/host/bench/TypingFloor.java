package io.iapeer.host.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The typing floor, {@code bench/typing-floor.sh}, run once per message on a live session: bare
 * load-buffer, bracketed paste and Enter until the session's transcript file grows.
 *
 * @param socket the session's tmux server socket
 * @param target the session's pane as a tmux target
 * @param transcript the conversation's transcript file, looked up at each message
 */
record TypingFloor(Path script, Path socket, String target, Supplier<Path> transcript) {
  private static final Pattern OUTPUT = Pattern.compile("floor_us=(\\d+) enter_us=(\\d+)");

  /** One floor message: start to transcript growth, and start to Enter sent. */
  record Sample(double totalMs, double enterMs) {}

  Sample type(String text) throws IOException, InterruptedException {
    Path message = Files.createTempFile("iap-typing-floor", ".txt");
    try {
      Files.writeString(message, text);
      Process p = new ProcessBuilder("bash", script.toString(), socket.toString(), target,
          transcript.get().toString(), message.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      Matcher m = OUTPUT.matcher(out);
      if (p.waitFor() != 0 || !m.matches()) {
        throw new IllegalStateException("the floor script failed" + (out.isEmpty() ? "" : ": " + out));
      }
      return new Sample(Long.parseLong(m.group(1)) / 1e3, Long.parseLong(m.group(2)) / 1e3);
    } finally {
      Files.deleteIfExists(message);
    }
  }
}
