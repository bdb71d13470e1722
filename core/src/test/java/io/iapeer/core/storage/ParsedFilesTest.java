package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParsedFilesTest {
  @TempDir Path tmp;
  final AtomicInteger parses = new AtomicInteger();

  String upper(String text) {
    parses.incrementAndGet();
    return text.toUpperCase();
  }

  @Test
  void anUnchangedFileIsParsedOnceAndEveryKindOfChangeIsSeen() throws IOException {
    ParsedFiles<String> files = new ParsedFiles<>(v -> true);
    Path f = Files.writeString(tmp.resolve("a.json"), "one");
    assertThat(files.read(f, this::upper)).isEqualTo("ONE");
    assertThat(files.read(f, this::upper)).isEqualTo("ONE");
    assertThat(parses).hasValue(1);

    Files.writeString(f, "two"); // in place, same size: the modification time tells
    Files.setLastModifiedTime(f, FileTime.from(Files.getLastModifiedTime(f).toInstant().plusSeconds(1)));
    assertThat(files.read(f, this::upper)).isEqualTo("TWO");

    AtomicFiles.write(f, "six"); // replaced by rename: a new inode, same size
    assertThat(files.read(f, this::upper)).isEqualTo("SIX");
    Files.writeString(f, "sevens"); // in place, another size
    assertThat(files.read(f, this::upper)).isEqualTo("SEVENS");
    assertThat(parses).hasValue(4);

    Files.delete(f);
    assertThatThrownBy(() -> files.read(f, this::upper)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aValueNotToKeepAndAFailedParseAreReadAgainNextTime() throws IOException {
    ParsedFiles<String> files = new ParsedFiles<>(v -> !v.startsWith("NEWER"));
    Path f = Files.writeString(tmp.resolve("a.json"), "newer version");
    files.read(f, this::upper);
    files.read(f, this::upper);
    assertThat(parses).hasValue(2);

    Path bad = Files.writeString(tmp.resolve("b.json"), "{");
    ParsedFiles.Parser<String> failing = text -> {
      parses.incrementAndGet();
      throw new IllegalArgumentException("corrupt");
    };
    assertThatThrownBy(() -> files.read(bad, failing)).hasMessage("corrupt");
    assertThatThrownBy(() -> files.read(bad, failing)).hasMessage("corrupt");
    assertThat(parses).hasValue(4);
  }
}
