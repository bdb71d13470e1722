package io.iapeer.host.realcli;

import java.nio.file.Path;

/**
 * Saves each distinct screen a real CLI showed as {@code <cli>-<stage>.txt}, and with its colours
 * as {@code <cli>-<stage>.ansi}, for the adapter tests.
 * They go to {@code target/realcli-screens/} (a CI artefact when a run fails); set
 * {@code IAPEER_REALCLI_SCREENS=src/test/resources/runtime/real} to refresh the committed fixtures.
 */
final class Screens {
  private final String cli;
  private final Path dir;

  Screens(String cli) {
    this.cli = cli;
    String override = System.getenv("IAPEER_REALCLI_SCREENS");
    this.dir = Path.of(override == null || override.isBlank() ? "target/realcli-screens" : override);
  }

  void save(String stage, Screen screen) {
    Io.write(dir.resolve(cli + "-" + stage + ".txt"), screen.text());
    Io.write(dir.resolve(cli + "-" + stage + ".ansi"), screen.ansi());
  }
}
