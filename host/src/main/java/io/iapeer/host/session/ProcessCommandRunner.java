package io.iapeer.host.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}. Output is read and input written on virtual
 * threads, so neither a full pipe nor a command that never reads its input can outlast the timeout.
 */
public final class ProcessCommandRunner implements CommandRunner {
  private static final ExecutorService IO = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration timeout;

  public ProcessCommandRunner(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Result run(Command command) {
    String program = command.argv().getFirst();
    ProcessBuilder pb = new ProcessBuilder(command.argv());
    command.env().ifPresent(env -> {
      pb.environment().clear();
      pb.environment().putAll(env);
    });
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Result(-1, "", "cannot run " + program + ": " + e.getMessage());
    }
    Future<String> out = IO.submit(() -> read(p.getInputStream()));
    Future<String> err = IO.submit(() -> read(p.getErrorStream()));
    IO.execute(() -> write(p.getOutputStream(), command.stdin()));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return killed(p, program);
      }
      long left = Math.max(0, deadline - System.nanoTime());
      return new Result(p.exitValue(), out.get(left, TimeUnit.NANOSECONDS), err.get(left, TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      // The command exited but something it started still holds its output open.
      return killed(p, program);
    } catch (ExecutionException e) {
      return new Result(-1, "", "cannot read the output of " + program + ": " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      killTree(p);
      return new Result(-1, "", program + " interrupted");
    }
  }

  private Result killed(Process p, String program) {
    killTree(p);
    return new Result(-1, "", program + " timed out after " + timeout.toMillis() + " ms");
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void write(OutputStream stdin, String text) {
    try (stdin) {
      stdin.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The command exited without reading all of it; its exit status tells the story.
    }
  }
}
