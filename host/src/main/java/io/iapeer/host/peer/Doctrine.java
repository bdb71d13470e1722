package io.iapeer.host.peer;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Modes;
import io.iapeer.core.storage.PeerPaths;
import java.nio.file.Files;

/** The personal doctrine stub {@code .iapeer/IAPEER.md}: created once, never overwritten (04 §3.11). */
public final class Doctrine {
  static final String STUB =
      """
      # %s — personal doctrine

      This file is part of this peer's system prompt on every fresh session. Write here who this
      peer is, what it owns and how it works with the others. Files in `.iapeer/fragments/*.md`
      are appended after it, in name order.

      Other peers reach this one with the `send_to_peer` tool; reply to them the same way — an
      answer typed only into this terminal is heard by nobody.
      """;

  private Doctrine() {}

  /** Returns whether the stub was written. */
  public static boolean ensureStub(PeerPaths peer, String personality) {
    if (Files.exists(peer.doctrine())) {
      return false;
    }
    AtomicFiles.write(peer.doctrine(), STUB.formatted(personality), Modes.SHARED);
    return true;
  }
}
