package io.iapeer.host.install;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import java.nio.file.Files;

/** The host doctrine stub {@code <root>/IAPEER.md} (04 §3.1 step 2): created once, never overwritten. */
public final class HostDoctrine {
  static final String STUB =
      """
      # Host doctrine

      This file opens the system prompt of every agent on this host, before the peer's own
      doctrine. Write here what every agent here should know: the machine, the people, the house
      rules. `iapeer list` shows who else lives here; reach them with the `send_to_peer` tool.
      """;

  private HostDoctrine() {}

  /** Returns whether the stub was written. */
  public static boolean ensureStub(Layout layout) {
    if (Files.exists(layout.hostDoctrine())) {
      return false;
    }
    AtomicFiles.write(layout.hostDoctrine(), STUB, Modes.SHARED);
    return true;
  }
}
