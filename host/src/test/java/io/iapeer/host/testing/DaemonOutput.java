package io.iapeer.host.testing;

import io.iapeer.host.daemon.DaemonLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** The daemon's stderr in a test: kept quiet, printed only with a failing test's report. */
public final class DaemonOutput implements TestWatcher {
  private final StringWriter text = new StringWriter();

  /** Trace on: every call leaves a line, which is what a failure report needs. */
  public DaemonLog log() {
    return new DaemonLog(new PrintWriter(text, true), true);
  }

  @Override
  public String toString() {
    return text.toString();
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.out.println("--- daemon stderr ---\n" + text);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    testFailed(context, cause);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    // nothing ran
  }
}
