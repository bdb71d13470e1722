package io.iapeer.core.registry;

import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** One isolated host per test: HOME and IAPEER_ROOT under the test's temp dir, sandbox flag set. */
final class Sandbox {
  final Path home;
  final Path root;
  final Layout layout;
  final List<String> warnings = new CopyOnWriteArrayList<>();
  final Registry registry;

  /** {@code extraEnv}: name/value pairs on top of the sandbox, e.g. a short lock timeout. */
  Sandbox(Path tmp, String... extraEnv) {
    this.home = tmp.resolve("home");
    this.root = tmp.resolve("root");
    Env env = env(home, root);
    for (int i = 0; i + 1 < extraEnv.length; i += 2) {
      env = env.with(extraEnv[i], extraEnv[i + 1]);
    }
    this.layout = Layout.from(env);
    this.registry = new Registry(layout, warnings::add);
  }

  static Env env(Path home, Path root) {
    return Env.of(
        "HOME", home.toString(), "IAPEER_ROOT", root.toString(), "IAPEER_TEST_SANDBOX", "1");
  }

  /** A peer folder that exists, so folder identity compares real paths. */
  Path folder(String name) {
    try {
      return Files.createDirectories(home.resolve("peers").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Puts a registry file on disk the way another writer (or a hand edit) would. */
  void seed(String json) {
    try {
      Files.createDirectories(root);
      Files.writeString(layout.registryFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] registryBytes() {
    try {
      return Files.readAllBytes(layout.registryFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String registryText() {
    return new String(registryBytes(), StandardCharsets.UTF_8);
  }
}
