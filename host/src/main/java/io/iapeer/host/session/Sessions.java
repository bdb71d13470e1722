package io.iapeer.host.session;

import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.runtime.LaunchComposer;
import io.iapeer.host.runtime.Platform;

/**
 * The session layer wired from one layout and its settings: the tmux host, the adapters, the launch
 * primitive, the typist and the control actions. Verbs and the daemon build it here so both drive
 * sessions alike.
 */
public record Sessions(
    SessionHost host,
    Adapters adapters,
    Launcher launcher,
    Typist typist,
    Control control,
    CompactGate compactGate) {

  public static Sessions of(Layout layout, Settings settings) {
    return of(new TmuxSessionHost(layout), new Adapters(layout), settings);
  }

  /**
   * The daemon's layer: its tmux host keeps a control client on each live session it has looked
   * at, so a delivery's tmux calls cost no process each.
   */
  public static Sessions forDaemon(Layout layout, Settings settings) {
    return of(TmuxSessionHost.withControlClients(layout), new Adapters(layout), settings);
  }

  public static Sessions of(SessionHost host, Adapters adapters, Settings settings) {
    Launcher.Pause pause = d -> Thread.sleep(d);
    Launcher launcher =
        new Launcher(
            host,
            new LaunchComposer(adapters, Platform.current()),
            Launcher.Timings.production(settings.bootDeadline(), settings.readyGate()),
            pause);
    Typist typist =
        new Typist(
            host,
            new Typist.Timings(settings.livenessGrace(), settings.submitTimeout(), settings.pasteSettle()),
            pause);
    Control control = new Control(host, pause);
    CompactGate gate =
        new CompactGate(
            host,
            control,
            new CompactGate.Timings(
                settings.compactDoneTimeout(), settings.compactDonePoll(), settings.compactReadyGrace()),
            pause);
    return new Sessions(host, adapters, launcher, typist, control, gate);
  }

  /** The same layer with another launch primitive (tests poll faster than production's 2 s). */
  public Sessions withLauncher(Launcher other) {
    return new Sessions(host, adapters, other, typist, control, compactGate);
  }
}
