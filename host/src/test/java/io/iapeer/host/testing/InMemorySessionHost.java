package io.iapeer.host.testing;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.session.AttachInvocation;
import io.iapeer.host.session.Death;
import io.iapeer.host.session.PasteMode;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.SessionSpec;
import io.iapeer.host.session.TmuxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SessionHost} in memory, for logic tests: which sessions are live, what their screens
 * show (with escapes; the plain capture strips them), whether a human is attached, and every paste
 * and key typed. Actions on a session that is not live throw like tmux does.
 */
public class InMemorySessionHost implements SessionHost {
  private final Set<Identity> live = ConcurrentHashMap.newKeySet();
  private final Set<Identity> attached = ConcurrentHashMap.newKeySet();
  private final Map<Identity, String> screens = new ConcurrentHashMap<>();
  private final Map<Identity, String> tokens = new ConcurrentHashMap<>();
  private final Map<Identity, List<String>> pastes = new ConcurrentHashMap<>();
  private final Map<Identity, List<String>> keys = new ConcurrentHashMap<>();
  private final AtomicInteger starts = new AtomicInteger();
  private final AtomicInteger serial = new AtomicInteger();

  public InMemorySessionHost live(Identity... ids) {
    for (Identity id : ids) {
      live.add(id);
      tokens.putIfAbsent(id, "$" + serial.incrementAndGet() + ":%1");
    }
    return this;
  }

  public InMemorySessionHost dead(Identity id) {
    live.remove(id);
    tokens.remove(id);
    return this;
  }

  /** What the pane shows, SGR escapes included. */
  public InMemorySessionHost screen(Identity id, String styled) {
    screens.put(id, styled);
    return this;
  }

  public InMemorySessionHost attached(Identity id, boolean on) {
    if (on) {
      attached.add(id);
    } else {
      attached.remove(id);
    }
    return this;
  }

  /** As if the session had been relaunched under the same name. */
  public InMemorySessionHost replaced(Identity id) {
    tokens.put(id, "$" + serial.incrementAndGet() + ":%1");
    return this;
  }

  public List<String> pastes(Identity id) {
    return List.copyOf(pastes.getOrDefault(id, List.of()));
  }

  public List<String> keys(Identity id) {
    return List.copyOf(keys.getOrDefault(id, List.of()));
  }

  public int starts() {
    return starts.get();
  }

  @Override
  public void start(SessionSpec spec) {
    starts.incrementAndGet();
    live(spec.identity());
  }

  @Override
  public void installExitHook(Identity id) {}

  @Override
  public void logPane(Identity id) {}

  @Override
  public boolean alive(Identity id) {
    return live.contains(id);
  }

  @Override
  public void kill(Identity id) {
    dead(id);
  }

  @Override
  public Death classifyDeath(Identity id) {
    return Death.SOCKET_MISSING;
  }

  @Override
  public String capture(Identity id) {
    return captureStyled(id).replaceAll("\u001b\\[[0-9;:]*m", "");
  }

  @Override
  public String captureStyled(Identity id) {
    require(id, "capture-pane");
    return screens.getOrDefault(id, "");
  }

  @Override
  public void paste(Identity id, String text, PasteMode mode) {
    require(id, "load-buffer");
    pastes.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(text);
  }

  @Override
  public void sendKeys(Identity id, String... names) {
    require(id, "send-keys");
    keys.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).addAll(List.of(names));
  }

  @Override
  public void sendLiteral(Identity id, String text) {
    sendKeys(id, text);
  }

  @Override
  public Optional<String> sessionToken(Identity id) {
    return live.contains(id) ? Optional.ofNullable(tokens.get(id)) : Optional.empty();
  }

  @Override
  public boolean clientAttached(Identity id) {
    return live.contains(id) && attached.contains(id);
  }

  @Override
  public AttachInvocation attachCommand(Identity id) {
    return new AttachInvocation(new ArrayList<>(List.of("tmux", "attach", "-t", id.address())), Map.of());
  }

  private void require(Identity id, String verb) {
    if (!live.contains(id)) {
      throw new TmuxException(verb, "can't find session: " + id.address());
    }
  }
}
