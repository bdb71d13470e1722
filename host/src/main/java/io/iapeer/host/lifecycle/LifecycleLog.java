package io.iapeer.host.lifecycle;

import io.iapeer.core.log.EventLog;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Layout;

/** {@code <eventLogDir>/lifecycle.log}: one logfmt line per lifecycle decision (03 §10.1). */
public final class LifecycleLog {
  private LifecycleLog() {}

  public static EventLog open(Layout layout, Settings settings) {
    return new EventLog(
        layout.eventLogDir().resolve("lifecycle.log"),
        settings.lifecycleLogMaxBytes(),
        settings.lifecycleLogKeep());
  }
}
