package io.iapeer.host.bench;

import io.iapeer.core.peer.Identity;
import io.iapeer.host.session.AttachInvocation;
import io.iapeer.host.session.Death;
import io.iapeer.host.session.PasteMode;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.SessionSpec;
import java.util.Optional;

/**
 * A {@link SessionHost} that notes when the typist's tmux calls return, so each sample says where
 * its time went: paste done, first Enter sent, last screen read (the one that saw the input clear).
 */
final class TimedHost implements SessionHost {
  /** Milliseconds since {@link #mark()}; a phase not reached is -1. */
  record Phases(double pasted, double firstEnter, double lastCapture, int enters, int captures) {}

  private final SessionHost host;
  private long mark;
  private long pasted;
  private long firstEnter;
  private long lastCapture;
  private int enters;
  private int captures;

  TimedHost(SessionHost host) {
    this.host = host;
  }

  void mark() {
    mark = System.nanoTime();
    pasted = firstEnter = lastCapture = 0;
    enters = captures = 0;
  }

  Phases phases() {
    return new Phases(since(pasted), since(firstEnter), since(lastCapture), enters, captures);
  }

  private double since(long t) {
    return t == 0 ? -1 : (t - mark) / 1e6;
  }

  @Override
  public String capture(Identity id) {
    String screen = host.capture(id);
    lastCapture = System.nanoTime();
    captures++;
    return screen;
  }

  @Override
  public String captureStyled(Identity id) {
    return host.captureStyled(id);
  }

  @Override
  public void paste(Identity id, String text, PasteMode mode) {
    host.paste(id, text, mode);
    pasted = System.nanoTime();
  }

  @Override
  public void sendKeys(Identity id, String... keys) {
    host.sendKeys(id, keys);
    if (enters++ == 0) {
      firstEnter = System.nanoTime();
    }
  }

  @Override
  public void start(SessionSpec spec) {
    host.start(spec);
  }

  @Override
  public void installExitHook(Identity id) {
    host.installExitHook(id);
  }

  @Override
  public void logPane(Identity id) {
    host.logPane(id);
  }

  @Override
  public boolean alive(Identity id) {
    return host.alive(id);
  }

  @Override
  public void kill(Identity id) {
    host.kill(id);
  }

  @Override
  public Death classifyDeath(Identity id) {
    return host.classifyDeath(id);
  }

  @Override
  public void sendLiteral(Identity id, String text) {
    host.sendLiteral(id, text);
  }

  @Override
  public Optional<String> sessionToken(Identity id) {
    return host.sessionToken(id);
  }

  @Override
  public boolean clientAttached(Identity id) {
    return host.clientAttached(id);
  }

  @Override
  public Optional<Boolean> attachedIfAlive(Identity id) {
    return host.attachedIfAlive(id);
  }

  @Override
  public AttachInvocation attachCommand(Identity id) {
    return host.attachCommand(id);
  }
}
