package io.iapeer.host.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Listing {@code *.jsonl} transcripts and their mtimes. Transcripts are written by another program
 * while we look, so a file or folder that vanishes or cannot be read is simply not there.
 */
final class TranscriptFiles {
  private TranscriptFiles() {}

  /** The {@code *.jsonl} regular files directly in {@code dir}. */
  static List<Path> in(Path dir) {
    return list(dir, "*.jsonl").stream().filter(Files::isRegularFile).toList();
  }

  /** Every entry of {@code dir}. */
  static List<Path> entries(Path dir) {
    return list(dir, "*");
  }

  private static List<Path> list(Path dir, String glob) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      ds.forEach(found::add);
    } catch (IOException | RuntimeException e) {
      // Absent or vanishing folder: what was listed so far is all there is.
    }
    return found;
  }

  /** The {@code *.jsonl} regular files under {@code root}, at most {@code depth} levels down. */
  static List<Path> under(Path root, int depth) {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return files;
    }
    try {
      Files.walkFileTree(root, Set.<FileVisitOption>of(), depth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".jsonl")) {
            files.add(file);
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // Unreadable root: what was listed so far is all there is.
    }
    return files;
  }

  static Optional<Instant> mtime(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file).toInstant());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  static Optional<Instant> newestMtime(List<Path> files) {
    return files.stream().flatMap(f -> mtime(f).stream()).max(Comparator.naturalOrder());
  }

  /** The file with the newest mtime. */
  static Optional<Path> newest(List<Path> files) {
    return files.stream()
        .flatMap(f -> mtime(f).map(t -> new Stamped(f, t)).stream())
        .max(Comparator.comparing(Stamped::mtime))
        .map(Stamped::file);
  }

  /** The size in bytes; 0 if the file is gone. */
  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The bytes of {@code file} from {@code offset} to its current end; empty if unreadable. */
  static byte[] from(Path file, long offset) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      return read(ch, Math.min(offset, size), size);
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** The bytes in {@code [start, end)}; fewer if the file ends sooner. */
  static byte[] read(FileChannel ch, long start, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - start));
    while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
      // A positional read may return fewer bytes than asked for.
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  private record Stamped(Path file, Instant mtime) {}
}
