package io.iapeer.host.prompt;

import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One sandboxed host for the prompt tests: HOME under a temp dir, the global root at
 * {@code ~/.iapeer} (so markers show {@code ~}) and the peer {@code boris} at {@code ~/work/boris}.
 */
final class PromptHost {
  static final HostFacts FACTS =
      new HostFacts("linux", "12", "alice", "vm", LocalDate.of(2025, 3, 14));

  final Path home;
  final Layout layout;
  final Path cwd;

  PromptHost(Path base) {
    this.home = base.resolve("home");
    this.layout = Layout.from(Env.of("HOME", home.toString(), "IAPEER_TEST_SANDBOX", "1"));
    this.cwd = home.resolve("work").resolve("boris");
  }

  /** Writes {@code text} at {@code <root>/<relative>}. */
  PromptHost global(String relative, String text) {
    write(layout.root().resolve(relative), text);
    return this;
  }

  /** Writes {@code text} at {@code <cwd>/.iapeer/<relative>}. */
  PromptHost local(String relative, String text) {
    write(cwd.resolve(".iapeer").resolve(relative), text);
    return this;
  }

  static PeerRecord peer(
      String personality, String runtime, List<String> runtimes, String description,
      Intelligence intelligence) {
    return new PeerRecord(
        personality, runtime, runtimes, description, intelligence, Optional.empty(),
        "/peers/" + personality, Optional.empty());
  }

  /** A golden file under {@code src/test/resources/prompt/}, {@code @CWD@} replaced by the cwd. */
  String golden(String name) {
    try (InputStream in = PromptHost.class.getResourceAsStream("/prompt/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@CWD@", cwd.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
