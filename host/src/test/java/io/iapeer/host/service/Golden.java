package io.iapeer.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden files under {@code src/test/resources/service/}; a mismatch leaves the actual text in target/. */
final class Golden {
  private Golden() {}

  static void check(String name, String actual) {
    String expected;
    try (InputStream in = Golden.class.getResourceAsStream("/service/" + name)) {
      expected = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!actual.equals(expected)) {
      Path out = Path.of("target", "golden-actual", name);
      try {
        Files.createDirectories(out.getParent());
        Files.writeString(out, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(actual).as("golden file service/%s (actual written to target/golden-actual/%s)", name, name)
        .isEqualTo(expected);
  }
}
