package io.iapeer.host.lifecycle;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The durable FIFO of an ephemeral worker (03 §9.11): {@code <identity>.queue/} holding one file
 * per task, named by a six-digit sequence number. An item appears whole or not at all (written
 * aside, then hard-linked to its number), so a crash never leaves half a task, and several
 * processes may enqueue at once without a lock: a taken number is simply skipped.
 */
public final class EphemeralQueue {
  private static final Pattern ITEM = Pattern.compile("\\d{1,18}");
  private static final int ATTEMPTS = 1000;

  /** @param seq the item's file name */
  public record Item(String seq, String task, Optional<String> topic) {}

  private final Layout layout;
  private final Consumer<String> reports;

  public EphemeralQueue(Layout layout, Consumer<String> reports) {
    this.layout = layout;
    this.reports = reports;
  }

  /** Appends a task; returns the depth after it. */
  public int enqueue(Identity id, String task, Optional<String> topic) {
    Path dir = Dirs.ensure(dir(id));
    ObjectNode o = Json.object();
    o.put("task", task);
    topic.map(String::strip).filter(t -> !t.isEmpty()).ifPresent(t -> o.put("topic", t));
    Path tmp = dir.resolve(".tmp-" + ProcessHandle.current().pid() + "-" + System.currentTimeMillis() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      Files.writeString(tmp, Json.compact(o) + "\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(tmp, Modes.PRIVATE);
      long next = items(id).stream().mapToLong(Long::parseLong).max().orElse(0) + 1;
      for (int i = 0; i < ATTEMPTS; i++, next++) {
        try {
          Files.createLink(dir.resolve(String.format("%06d", next)), tmp);
          return depth(id);
        } catch (FileAlreadyExistsException e) {
          // another writer took this number: the next one
        }
      }
      throw new IapException("no free queue slot after " + ATTEMPTS + " attempts in " + dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a stray temp is never an item (only digits are)
      }
    }
  }

  /** The oldest readable task, without taking it; unreadable items are reported and dropped. */
  public Optional<Item> peek(Identity id) {
    for (String seq : items(id)) {
      Path f = dir(id).resolve(seq);
      Optional<Item> item = parse(f, seq);
      if (item.isPresent()) {
        return item;
      }
      remove(id, seq);
    }
    return Optional.empty();
  }

  /** Idempotent. */
  public void remove(Identity id, String seq) {
    try {
      Files.deleteIfExists(dir(id).resolve(seq));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove queue item " + dir(id).resolve(seq) + ": " + e.getMessage(), e);
    }
  }

  public int depth(Identity id) {
    return items(id).size();
  }

  /** Identities whose queue holds at least one item, sorted. */
  public List<Identity> queued() {
    Path state = layout.lifecycleStateDir();
    List<Identity> out = new ArrayList<>();
    if (!Files.isDirectory(state)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(state, "*.queue")) {
      for (Path d : ds) {
        String name = d.getFileName().toString();
        Identity.parse(name.substring(0, name.length() - ".queue".length()))
            .filter(i -> depth(i) > 0)
            .ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + state + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> a.address().compareTo(b.address()));
    return out;
  }

  private Optional<Item> parse(Path f, String seq) {
    try {
      JsonNode n = Json.parse(Files.readString(f, StandardCharsets.UTF_8));
      JsonNode task = n.get("task");
      if (task != null && task.isString() && !task.asString().isEmpty()) {
        JsonNode topic = n.get("topic");
        return Optional.of(new Item(seq, task.asString(),
            topic != null && topic.isString() ? Optional.of(topic.asString()) : Optional.empty()));
      }
    } catch (NoSuchFileException e) {
      return Optional.empty(); // taken by another drain meanwhile
    } catch (IOException | RuntimeException e) {
      // reported below
    }
    reports.accept("dropping queue item " + f + ": not a JSON object with a non-empty task");
    return Optional.empty();
  }

  /** Item names in FIFO order. */
  private List<String> items(Identity id) {
    Path dir = dir(id);
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (ITEM.matcher(n).matches()) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    return out;
  }

  private Path dir(Identity id) {
    return layout.lifecycleStateDir().resolve(id.address() + ".queue");
  }
}
