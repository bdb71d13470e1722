package io.iapeer.host.session;

import io.iapeer.host.session.CommandRunner.Result;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tmux client kept attached to one session in control mode ({@code tmux -C}): a command is a line
 * on its stdin and its answer one {@code %begin … %end} (or {@code %error}) block on its stdout, so
 * it costs a socket round trip instead of a client process (10–13 ms each on a small VM). Attached
 * with {@code no-output} and {@code ignore-size}, it neither receives the pane's output nor sizes
 * the window, and {@link TmuxSessionHost} does not count it as someone watching. tmux ends it when
 * the session ends; closing its stdin, as this JVM's exit does, ends it too.
 */
final class ControlClient implements AutoCloseable {
  /** A control client that takes no output watches nothing: how a host tells ours from a human's. */
  static final String NO_OUTPUT = "no-output";

  private static final String FLAGS = "ignore-size," + NO_OUTPUT;

  private record Block(boolean ok, String text) {}

  private static final Block GONE = new Block(false, "");

  private final Process process;
  private final OutputStream in;
  private final Duration timeout;
  private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>();
  private volatile boolean open = true;

  private ControlClient(Process process, Duration timeout) {
    this.process = process;
    this.in = process.getOutputStream();
    this.timeout = timeout;
    // A platform thread: it blocks in a pipe read for the session's whole life, which on a virtual
    // thread would hold a carrier of the pool that runs the daemon's requests.
    Thread.ofPlatform().daemon().name("tmux-control-" + process.pid()).start(this::read);
  }

  /**
   * Attaches to {@code session} on the server {@code client} (the {@code tmux -S <sock> -f /dev/null}
   * prefix) with exactly {@code env}; empty when tmux refuses, e.g. for a session that is gone.
   */
  static Optional<ControlClient> attach(List<String> client, String session, Map<String, String> env,
      Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(concat(client, List.of("-C", "attach-session", "-t", session, "-f", FLAGS)))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    ControlClient c;
    try {
      c = new ControlClient(pb.start(), timeout);
    } catch (IOException e) {
      return Optional.empty();
    }
    // Nothing is sent before the attach's own block: its answer would otherwise come after ours.
    if (c.next().map(Block::ok).orElse(false)) {
      return Optional.of(c);
    }
    c.close();
    return Optional.empty();
  }

  boolean open() {
    return open && process.isAlive();
  }

  /**
   * Runs {@code commands} in order and stops at the first that fails, as tmux's {@code ;} does:
   * the same exit, output and error a client process would give. Empty when nothing was sent —
   * the client is gone, or an argument cannot travel on a line (a NUL) — and the caller may use a
   * client process instead. Once a command went out it may have run, so a client that ends or
   * falls silent past the timeout after that gives a failure (exit -1): running the commands
   * again through a process could paste a message twice.
   */
  synchronized Optional<Result> run(List<List<String>> commands) {
    List<String> lines = new ArrayList<>();
    for (List<String> command : commands) {
      Optional<String> line = line(command);
      if (line.isEmpty()) {
        return Optional.empty();
      }
      lines.add(line.get());
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      boolean written = write(lines.get(i));
      Optional<Block> answer = written ? next() : Optional.empty();
      if (answer.isEmpty()) {
        close();
        return i == 0 && !written ? Optional.empty()
            : Optional.of(new Result(-1, out.toString(), "the tmux control client ended before it answered"));
      }
      if (!answer.get().ok()) {
        return Optional.of(new Result(1, out.toString(), answer.get().text()));
      }
      out.append(answer.get().text());
    }
    return Optional.of(new Result(0, out.toString(), ""));
  }

  /** False when the line could not be written, as to a client that is gone. */
  private boolean write(String line) {
    if (!open()) {
      return false;
    }
    try {
      in.write(line.getBytes(StandardCharsets.UTF_8));
      in.flush();
      return true;
    } catch (IOException e) {
      open = false;
      return false;
    }
  }

  private Optional<Block> next() {
    try {
      Block b = blocks.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return b == null || b == GONE ? Optional.empty() : Optional.of(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * One command as a line of tmux's command language: every argument single-quoted (nothing in
   * it is expanded or escaped there), a quote or newline spliced in from a double-quoted piece.
   */
  static Optional<String> line(List<String> command) {
    StringBuilder line = new StringBuilder();
    for (String arg : command) {
      if (arg.indexOf('\0') >= 0) {
        return Optional.empty();
      }
      line.append(line.isEmpty() ? "'" : " '");
      for (int i = 0; i < arg.length(); i++) {
        char ch = arg.charAt(i);
        switch (ch) {
          case '\'' -> line.append("'\"'\"'");
          case '\n' -> line.append("'\"\\n\"'");
          default -> line.append(ch);
        }
      }
      line.append('\'');
    }
    return Optional.of(line.append('\n').toString());
  }

  /**
   * Splits stdout into blocks. tmux never puts a notification inside a block, and a block ends
   * only on the guard line that repeats its {@code %begin}'s time, number and flags.
   */
  private void read() {
    try (InputStream out = new BufferedInputStream(process.getInputStream())) {
      String guard = null;
      StringBuilder text = new StringBuilder();
      for (String line; (line = readLine(out)) != null; ) {
        if (guard == null) {
          if (line.startsWith("%begin ")) {
            guard = line.substring("%begin ".length());
            text.setLength(0);
          }
        } else if (line.equals("%end " + guard) || line.equals("%error " + guard)) {
          blocks.add(new Block(line.startsWith("%end"), text.toString()));
          guard = null;
        } else {
          text.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the client is gone either way
    } finally {
      open = false;
      blocks.add(GONE);
    }
  }

  /** A line without its LF; a CR is the pane's, not a line end. Null at the end of the stream. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != -1; ) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
    return null;
  }

  @Override
  public void close() {
    open = false;
    process.destroy();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
