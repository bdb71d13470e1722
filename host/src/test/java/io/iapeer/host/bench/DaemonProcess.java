package io.iapeer.host.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code iapeer daemon} as a user runs it — the checkout's launcher, a process of its own — with a
 * sandbox's environment only. Closing sends SIGTERM (its clean shutdown) and waits for the exit.
 */
final class DaemonProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("\\[iapeer] daemon READY tcp=(\\S+)");
  private static final Duration START = Duration.ofSeconds(120);

  private final Process process;
  private final List<String> stderr = new CopyOnWriteArrayList<>();

  private DaemonProcess(Process process) {
    this.process = process;
    Thread.ofVirtual().start(() -> new BufferedReader(
        new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)).lines().forEach(stderr::add));
  }

  static DaemonProcess start(Path launcher, Map<String, String> env, Path cwd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "daemon").directory(cwd.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return new DaemonProcess(pb.start());
  }

  /** The MCP URL on TCP, once the daemon said READY; fails with its stderr when it exits first. */
  String awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline && process.isAlive()) {
      for (String line : stderr) {
        Matcher m = READY.matcher(line);
        if (m.find()) {
          return m.group(1);
        }
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the daemon did not start; its stderr:\n" + String.join("\n", stderr));
  }

  /** Resident set size in MiB, from /proc (the launcher execs java, so its pid is the JVM's). */
  long rssMb() {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
          .filter(l -> l.startsWith("VmRSS:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
          .findFirst().orElse(-1);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
