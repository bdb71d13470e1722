package io.iapeer.host.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link HostProbe} on the real machine: system properties, files and child processes. */
final class SystemHostProbe implements HostProbe {
  private final Duration timeout;

  SystemHostProbe(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public String osName() {
    return System.getProperty("os.name", "");
  }

  @Override
  public Optional<String> readFile(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> run(String... argv) {
    Process p;
    try {
      p = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      return Optional.empty();
    }
    try (InputStream stdout = p.getInputStream()) {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      // Read after exit: these commands print one short line, far below a pipe's buffer.
      String out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
      return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
