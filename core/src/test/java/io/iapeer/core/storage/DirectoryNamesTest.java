package io.iapeer.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryNamesTest {
  @TempDir Path temp;

  @Test
  void aMissingDirectoryHasNoNames() throws Exception {
    assertThat(new DirectoryNames(temp.resolve("none")).names()).isEmpty();
  }

  @Test
  void everyAddedRemovedOrRenamedEntryIsSeen() throws Exception {
    DirectoryNames names = new DirectoryNames(temp);
    Files.writeString(temp.resolve("a"), "");
    assertThat(names.names().orElseThrow()).containsExactly("a");

    Files.writeString(temp.resolve("b"), "");
    assertThat(names.names().orElseThrow()).containsExactlyInAnyOrder("a", "b");
    Files.move(temp.resolve("b"), temp.resolve("c"));
    assertThat(names.names().orElseThrow()).containsExactlyInAnyOrder("a", "c");
    Files.delete(temp.resolve("a"));
    assertThat(names.names().orElseThrow()).containsExactly("c");
  }

  @Test
  void aListingIsReusedWhileTheDirectorysMtimeIsUnchanged() throws Exception {
    DirectoryNames names = new DirectoryNames(temp);
    Files.writeString(temp.resolve("a"), "");
    FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
    Files.setLastModifiedTime(temp, old);
    assertThat(names.names().orElseThrow()).containsExactly("a");

    // an entry that sneaks in without moving the mtime: only a reused listing misses it
    Files.writeString(temp.resolve("b"), "");
    Files.setLastModifiedTime(temp, old);

    assertThat(names.names().orElseThrow()).containsExactly("a");
  }

  @Test
  void aListingTakenRightAfterAChangeIsNotReusedSinceTheNextChangeMayKeepTheMtime() throws Exception {
    DirectoryNames names = new DirectoryNames(temp);
    Files.writeString(temp.resolve("a"), "");
    FileTime recent = Files.getLastModifiedTime(temp);
    assertThat(names.names().orElseThrow()).containsExactly("a");

    // the same clock tick: the mtime stays
    Files.writeString(temp.resolve("b"), "");
    Files.setLastModifiedTime(temp, recent);

    assertThat(names.names().orElseThrow()).containsExactlyInAnyOrder("a", "b");
  }
}
