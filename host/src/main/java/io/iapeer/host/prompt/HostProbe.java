package io.iapeer.host.prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What {@link HostFacts#detect} asks the machine (03 §8.1). Any failure answers "empty", so
 * detection never throws; tests answer with fixed text.
 */
public interface HostProbe {
  /** The JVM's {@code os.name}. */
  String osName();

  /** The whole text of {@code file}, empty when it cannot be read. */
  Optional<String> readFile(Path file);

  /** What {@code argv} printed on stdout, empty unless it started and exited 0 in time. */
  Optional<String> run(String... argv);

  /** The real machine; a command gets a few seconds ({@code hostname -s} can wait on DNS). */
  static HostProbe system() {
    return new SystemHostProbe(Duration.ofSeconds(3));
  }
}
