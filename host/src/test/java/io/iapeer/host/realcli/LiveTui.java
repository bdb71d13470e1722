package io.iapeer.host.realcli;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/** One real agent TUI in a tmux session: boot it through its dialogs, read and drive its screen. */
final class LiveTui {
  /** Generous: CI is a 2-core machine and a cold start of either CLI takes a few seconds. */
  static final Duration PATIENCE = Duration.ofSeconds(60);
  /**
   * Claude Code paints its first dialog before it reads keys properly: a Down sent right after the
   * paint was lost, and an Enter acted on the refusing option though the screen showed the cursor
   * on the accepting one. A screen unchanged this long has never done that.
   */
  static final Duration STEADY = Duration.ofSeconds(1);
  private static final int MAX_BOOT_KEYS = 20;
  private static final String PANE_DEAD = "Pane is dead";

  private final TmuxDriver tmux;
  private final String session;
  private final Screens screens;
  private final List<Dialog> dialogs;
  private final Predicate<String> ready;

  LiveTui(TmuxDriver tmux, String session, Screens screens, List<Dialog> dialogs, Predicate<String> ready) {
    this.tmux = tmux;
    this.session = session;
    this.screens = screens;
    this.dialogs = dialogs;
    this.ready = s -> dialogOn(s) == null && ready.test(s);
  }

  LiveTui start(Path cwd, Map<String, String> env, List<String> argv) {
    tmux.start(session, cwd, env, argv);
    return this;
  }

  /**
   * Answers each boot dialog until the ready screen, one key per steady screen: moves the cursor
   * onto the accepting option, sees it there, then Enter (the default is the refusing option, and
   * Enter on it exits the CLI). A swallowed key is simply sent again. Saves every screen on the way.
   * Returns the dialogs seen, in order.
   */
  List<String> boot() {
    List<String> seen = new ArrayList<>();
    for (int key = 0; key < MAX_BOOT_KEYS; key++) {
      Screen screen = awaitScreen("a steady dialog or ready screen",
          unchangedFor(STEADY).and(s -> ready.test(s) || dialogOn(s) != null));
      if (ready.test(screen.text())) {
        return seen;
      }
      Dialog d = dialogOn(screen.text());
      if (seen.isEmpty() || !seen.getLast().equals(d.name())) {
        seen.add(d.name());
      }
      int at = d.selected(screen.text());
      if (at < 0) {
        throw new AssertionError("no option of the " + d.name() + " dialog is selected:\n" + screen.text());
      }
      screens.save(d.name() + "-on-" + d.options().get(at).slug(), screen);
      tmux.keys(session, at == d.accept() ? "Enter" : at < d.accept() ? "Down" : "Up");
    }
    throw new AssertionError("not ready after " + MAX_BOOT_KEYS + " keys; the screen:\n" + screen().text());
  }

  boolean isReady(String screen) {
    return ready.test(screen);
  }

  Screen screen() {
    return tmux.capture(session);
  }

  void save(String stage, Screen screen) {
    screens.save(stage, screen);
  }

  void paste(String text) {
    tmux.paste(session, text);
  }

  void keys(String... keys) {
    tmux.keys(session, keys);
  }

  void kill() {
    tmux.kill(session);
  }

  /**
   * Waits for a screen that passes {@code until}; fails with the last screen on timeout, or at once
   * when the CLI has exited (tmux then keeps the pane and prints "Pane is dead" in it).
   */
  Screen awaitScreen(String what, Predicate<String> until) {
    Screen last;
    try {
      last = await(what).atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(this::screen, s -> until.test(s.text()) || s.text().contains(PANE_DEAD));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out waiting for " + what + "; the screen:\n" + screen().text(), e);
    }
    if (!until.test(last.text())) {
      throw new AssertionError("the CLI exited while waiting for " + what + "; the screen:\n" + last.text());
    }
    return last;
  }

  /** True once the screen has not changed for {@code d}; keeps state, so one per wait. */
  static Predicate<String> unchangedFor(Duration d) {
    return new Predicate<>() {
      private String last;
      private long since;

      @Override
      public boolean test(String screen) {
        long now = System.nanoTime();
        if (!screen.equals(last)) {
          last = screen;
          since = now;
        }
        return now - since >= d.toNanos();
      }
    };
  }

  /** Waits for something outside the screen (e.g. a model request); on timeout shows the screen. */
  void awaitThat(String what, BooleanSupplier condition) {
    awaitScreen(what, s -> condition.getAsBoolean());
  }

  private Dialog dialogOn(String screen) {
    return dialogs.stream().filter(d -> d.showing(screen)).findFirst().orElse(null);
  }
}
