package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The topics a session worked on (03 §9.5): {@code <identity>.topic}, one per line, most recent
 * last, no duplicates, at most 16. Unreadable content reads as no topics (03 §2).
 */
public final class Topics {
  static final int MAX = 16;
  private final Layout layout;

  public Topics(Layout layout) {
    this.layout = layout;
  }

  public List<String> list(Identity id) {
    try {
      return Files.readAllLines(file(id)).stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  public Optional<String> last(Identity id) {
    List<String> all = list(id);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
  }

  public boolean has(Identity id, String topic) {
    String t = topic.strip();
    return !t.isEmpty() && list(id).contains(t);
  }

  /** Trims; ignores empty; moves an equal entry to the end; keeps the last 16. */
  public void add(Identity id, String topic) {
    String t = topic.strip();
    if (t.isEmpty()) {
      return;
    }
    List<String> next = new ArrayList<>(list(id));
    next.remove(t);
    next.add(t);
    List<String> kept = next.subList(Math.max(0, next.size() - MAX), next.size());
    AtomicFiles.write(file(id), String.join("\n", kept) + "\n", Modes.PRIVATE);
  }

  /**
   * The live-delivery topic note (03 §9.5): nothing when the most recent topic already is this one.
   * Returns whether the set changed (the lifecycle logs {@code ev=topic-note} then).
   */
  public boolean note(Identity id, String topic) {
    String t = topic.strip();
    if (t.isEmpty() || last(id).filter(t::equals).isPresent()) {
      return false;
    }
    add(id, t);
    return true;
  }

  public void reset(Identity id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      // best-effort like every marker write (03 §2)
    }
  }

  private Path file(Identity id) {
    return layout.lifecycleStateDir().resolve(id.address() + ".topic");
  }
}
