package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.DirectoryNames;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The per-identity lifecycle files of 03 §2 in the lifecycle state dir. Writes are atomic (temp,
 * fsync, rename; mode 0600). Reads are tolerant: content that cannot be understood reads as absent
 * (deaths → none, last-delivered → 0, a session record → skipped), is reported once per read, and
 * is left on disk for the operator to look at.
 */
public final class Markers {
  /** The death ring keeps the newest 16 (03 §9.7). */
  static final int DEATHS_KEPT = 16;

  private static final String SESSION = ".session";

  private final Layout layout;
  private final Clock clock;
  private final Consumer<String> reports;
  private final DirectoryNames names;

  /** For readers that only look at flags: garbage in a file they do not parse cannot arise. */
  public Markers(Layout layout) {
    this(layout, Clock.systemUTC(), r -> {});
  }

  /** @param reports receives one line per file whose content was garbage */
  public Markers(Layout layout, Clock clock, Consumer<String> reports) {
    this.layout = layout;
    this.clock = clock;
    this.reports = reports;
    this.names = new DirectoryNames(layout.lifecycleStateDir());
  }

  public Layout layout() {
    return layout;
  }

  // --- flags ---

  public boolean has(Identity id, Flag flag) {
    return Files.exists(file(id, flag.suffix()));
  }

  /** Sets {@code flag} to now (ISO instant + newline). */
  public void set(Identity id, Flag flag) {
    AtomicFiles.write(file(id, flag.suffix()), clock.instant() + "\n", Modes.PRIVATE);
  }

  /** Removes {@code flag}; returns whether it was there (a consumed marker is logged by the caller). */
  public boolean clear(Identity id, Flag flag) {
    return delete(file(id, flag.suffix()));
  }

  /** The durable stop flag set by {@code iapeer stop}. */
  public boolean stopped(Identity id) {
    return has(id, Flag.STOPPED);
  }

  public boolean idleReaped(Identity id) {
    return has(id, Flag.IDLE_REAPED);
  }

  public void clearIdleReaped(Identity id) {
    clear(id, Flag.IDLE_REAPED);
  }

  // --- the session record and its claim ---

  public Optional<SessionRecord> session(Identity id) {
    Path f = file(id, "session");
    return read(f).flatMap(text -> parseSession(f, text));
  }

  public void writeSession(SessionRecord s) {
    AtomicFiles.write(file(s.identity(), "session"), s.toJson(), Modes.PRIVATE);
  }

  public boolean deleteSession(Identity id) {
    return delete(file(id, "session"));
  }

  /**
   * Every readable {@code *.session} record, sorted by identity. Garbage is reported and skipped;
   * a record whose identity disagrees with its file name is garbage too.
   */
  public List<SessionRecord> sessions() {
    return sessions("");
  }

  /** The records of one personality's sessions, or of all with {@code ""}; others are not read. */
  public List<SessionRecord> sessions(String personality) {
    String suffix = (personality.isEmpty() ? "" : "-" + personality) + SESSION;
    List<SessionRecord> all = new ArrayList<>();
    for (Path f : list(name -> name.endsWith(suffix))) {
      String name = f.getFileName().toString();
      Optional<SessionRecord> s = read(f).flatMap(text -> parseSession(f, text));
      if (s.isPresent() && !(s.get().identity().address() + SESSION).equals(name)) {
        reports.accept("ignoring " + f + ": its identity " + s.get().identity() + " does not match the file name");
        continue;
      }
      s.filter(r -> personality.isEmpty() || r.identity().personality().equals(personality)).ifPresent(all::add);
    }
    all.sort(Comparator.comparing(s -> s.identity().address()));
    return all;
  }

  /**
   * Claims a dead session's record for this pass (03 §9.6 step 2b): renames {@code .session} to
   * {@code .session.reaping}. False when another pass got there first.
   */
  public boolean claimSession(Identity id) {
    try {
      Files.move(file(id, "session"), file(id, "session.reaping"), StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException | AtomicMoveNotSupportedException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim " + file(id, "session") + ": " + e.getMessage(), e);
    }
  }

  public void dropClaim(Identity id) {
    delete(file(id, "session.reaping"));
  }

  private Optional<SessionRecord> parseSession(Path f, String text) {
    SessionRecord.Parsed p = SessionRecord.parse(text);
    if (p.record().isEmpty()) {
      reports.accept("ignoring " + f + ": " + p.why());
    }
    return p.record();
  }

  // --- deaths, last delivery ---

  /** The death ring, oldest first; garbage reads as no deaths. */
  public List<Long> deaths(Identity id) {
    Path f = file(id, "deaths");
    Optional<String> text = read(f);
    if (text.isEmpty()) {
      return List.of();
    }
    try {
      JsonNode n = Json.parse(text.get());
      List<Long> out = new ArrayList<>();
      if (n instanceof ArrayNode a) {
        for (JsonNode e : a) {
          if (e.isIntegralNumber()) {
            out.add(e.asLong());
          }
        }
        if (out.size() == a.size()) {
          return out;
        }
      }
    } catch (RuntimeException e) {
      // reported below like any other shape we do not understand
    }
    reports.accept("ignoring " + f + ": not a JSON array of epoch milliseconds");
    return List.of();
  }

  /** Appends a death at now, keeping the newest 16 (03 §9.7). */
  public void recordDeath(Identity id) {
    List<Long> ring = new ArrayList<>(deaths(id));
    ring.add(clock.millis());
    writeDeaths(id, ring.subList(Math.max(0, ring.size() - DEATHS_KEPT), ring.size()));
  }

  /** After a successful launch: only the deaths inside the window stay (03 §9.7). */
  public void trimDeaths(Identity id, long windowMs) {
    List<Long> ring = deaths(id);
    long from = clock.millis() - windowMs;
    List<Long> kept = ring.stream().filter(t -> t >= from).toList();
    if (kept.size() != ring.size()) {
      writeDeaths(id, kept);
    }
  }

  private void writeDeaths(Identity id, List<Long> ring) {
    ArrayNode a = Json.nodes().arrayNode();
    ring.forEach(a::add);
    AtomicFiles.write(file(id, "deaths"), Json.compact(a) + "\n", Modes.PRIVATE);
  }

  /** When the daemon last confirmed a live delivery (epoch ms); 0 when never or unreadable. */
  public long lastDelivered(Identity id) {
    Path f = file(id, "last-delivered");
    Optional<String> text = read(f);
    if (text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text.get().strip());
    } catch (NumberFormatException e) {
      reports.accept("ignoring " + f + ": not a decimal epoch-milliseconds value");
      return 0;
    }
  }

  /** When the identity's pane log last grew: the activity proxy {@code list} shows. */
  public Optional<FileTime> lastActive(Identity id) {
    try {
      return Optional.of(Files.getLastModifiedTime(layout.paneLogDir().resolve(id.address() + ".log")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes every lifecycle entry of {@code id}: names starting with {@code <identity>.} — the dot
   * keeps {@code claude-bob2.*} when {@code claude-bob} goes. Returns the names removed.
   */
  public List<String> purge(Identity id) {
    String prefix = id.address() + ".";
    List<String> removed = new ArrayList<>();
    try {
      for (Path p : list(name -> name.startsWith(prefix))) {
        deleteTree(p);
        removed.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot purge lifecycle state of " + id + ": " + e.getMessage(), e);
    }
    removed.sort(null);
    return removed;
  }

  Path file(Identity id, String suffix) {
    return layout.lifecycleStateDir().resolve(id.address() + "." + suffix);
  }

  /** The entries whose names pass {@code name}, sorted; a listing is reused while the dir is unchanged. */
  private List<Path> list(java.util.function.Predicate<String> name) {
    List<String> all;
    try {
      all = names.names().orElse(List.of());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    List<Path> out = new ArrayList<>();
    for (String n : all) {
      if (name.test(n)) {
        out.add(names.dir().resolve(n));
      }
    }
    out.sort(null);
    return out;
  }

  private Optional<String> read(Path f) {
    try {
      return Optional.of(Files.readString(f));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // unreadable (or not UTF-8) reads as absent, like garbage (03 §2)
      reports.accept("ignoring " + f + ": unreadable (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  private static boolean delete(Path f) {
    try {
      return Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + f + ": " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(q);
        }
      }
    } else {
      Files.deleteIfExists(p);
    }
  }
}
