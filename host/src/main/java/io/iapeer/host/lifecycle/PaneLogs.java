package io.iapeer.host.lifecycle;

import io.iapeer.core.log.LogLine;
import io.iapeer.core.settings.Settings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pane-log janitor of every supervise pass (03 §10.4): copy-truncate rotation that keeps the
 * live writer's file, then retention by age and by a directory budget. Best-effort: a file that
 * cannot be handled is skipped, and nothing here fails a tick.
 */
final class PaneLogs {
  /** What a rotated or shrunk base keeps: its last 8 MiB. */
  static final long TAIL = 8L << 20;

  private static final Pattern ROTATED = Pattern.compile(".+\\.log\\.\\d+");

  private final Path dir;
  private final Settings settings;
  private final Clock clock;

  PaneLogs(Path dir, Settings settings, Clock clock) {
    this.dir = dir;
    this.settings = settings;
    this.clock = clock;
  }

  /** What one sweep reclaimed; logged only when it reclaimed something or the budget still fails. */
  record Sweep(long beforeBytes, long afterBytes, int stale, int copies, int shrunk, boolean overBudget) {
    LogLine line(Instant tick) {
      return LogLine.at(tick).add("ev", "supervise").add("action", "panelog-gc")
          .add("before_mb", mb(beforeBytes)).add("after_mb", mb(afterBytes))
          .add("stale", stale).add("copies", copies).add("shrunk", shrunk)
          .add("outcome", overBudget ? "over-budget-after-gc" : null);
    }

    private static String mb(long bytes) {
      return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
  }

  Optional<Sweep> sweep() {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    for (Path base : list(false)) {
      rotate(base);
    }
    long before = total();
    int stale = 0;
    Instant cutoff = clock.instant().minus(settings.paneLogStale());
    for (Path p : list(true)) {
      if (mtime(p).toInstant().isBefore(cutoff) && delete(p)) {
        stale++;
      }
    }
    int copies = 0;
    List<Path> rotated = list(true).stream().filter(p -> ROTATED.matcher(name(p)).matches())
        .sorted(Comparator.comparing(PaneLogs::mtime)).toList();
    for (Path p : rotated) {
      if (total() <= settings.paneLogDirBudget()) {
        break;
      }
      if (delete(p)) {
        copies++;
      }
    }
    int shrunk = 0;
    List<Path> bases = list(false).stream().sorted(Comparator.comparing(PaneLogs::size).reversed()).toList();
    for (Path p : bases) {
      if (total() <= settings.paneLogDirBudget()) {
        break;
      }
      if (size(p) > TAIL && keepTail(p, TAIL)) {
        shrunk++;
      }
    }
    long after = total();
    boolean over = after > settings.paneLogDirBudget();
    return stale + copies + shrunk > 0 || over
        ? Optional.of(new Sweep(before, after, stale, copies, shrunk, over))
        : Optional.empty();
  }

  /** Copy-truncate: the last MAX bytes become {@code .1}, the base keeps the last 8 MiB of them. */
  private void rotate(Path base) {
    long max = settings.paneLogMaxBytes();
    if (size(base) <= Math.max(max, TAIL + (1L << 20))) {
      return;
    }
    int keep = settings.paneLogKeep();
    try {
      byte[] snapshot = tail(base, max);
      Files.deleteIfExists(copy(base, keep + 1));
      for (int k = keep - 1; k >= 1; k--) {
        if (Files.exists(copy(base, k))) {
          Files.move(copy(base, k), copy(base, k + 1), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.write(copy(base, 1), snapshot);
      int from = (int) Math.max(0, snapshot.length - TAIL);
      overwrite(base, ByteBuffer.wrap(snapshot, from, snapshot.length - from));
    } catch (IOException | RuntimeException e) {
      // best-effort: the next pass tries again
    }
  }

  /** Replaces {@code file}'s content with its last {@code n} bytes in place (same inode, same mtime). */
  private static boolean keepTail(Path file, long n) {
    try {
      FileTime mtime = Files.getLastModifiedTime(file);
      overwrite(file, ByteBuffer.wrap(tail(file, n)));
      // janitor writes must not look like activity
      Files.setLastModifiedTime(file, mtime);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] tail(Path file, long n) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long from = Math.max(0, size - n);
      ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
      while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
        // reads until the snapshot is full or the file ends
      }
      return buf.array();
    }
  }

  private static void overwrite(Path file, ByteBuffer content) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      long len = content.remaining();
      long pos = 0;
      while (content.hasRemaining()) {
        pos += ch.write(content, pos);
      }
      ch.truncate(len);
    }
  }

  private List<Path> list(boolean withCopies) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = name(p);
        if (Files.isRegularFile(p) && (n.endsWith(".log") || (withCopies && ROTATED.matcher(n).matches()))) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  private long total() {
    return list(true).stream().mapToLong(PaneLogs::size).sum();
  }

  private static Path copy(Path base, int k) {
    return base.resolveSibling(name(base) + "." + k);
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return 0;
    }
  }

  private static FileTime mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (IOException e) {
      return FileTime.fromMillis(Long.MAX_VALUE);
    }
  }

  private static boolean delete(Path p) {
    try {
      return Files.deleteIfExists(p);
    } catch (IOException e) {
      return false;
    }
  }
}
