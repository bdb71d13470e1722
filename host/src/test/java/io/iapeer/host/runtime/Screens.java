package io.iapeer.host.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Captured-screen fixtures under {@code src/test/resources/runtime/<case>/<variant>.txt}. */
final class Screens {
  private Screens() {}

  static String of(String caseAndVariant) {
    String name = "/runtime/" + caseAndVariant + ".txt";
    try (InputStream in = Screens.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no screen fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
