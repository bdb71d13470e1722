package io.iapeer.core.profile;

import io.iapeer.core.peer.Intelligence;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A peer's local profile as read from {@code <cwd>/.iapeer/peer-profile.json} (01 §9), the source
 * of truth about the peer. {@code raw} is the whole stored object, other packages' sections
 * included.
 */
public record PeerProfile(
    Path cwd,
    String personality,
    String defaultRuntime,
    List<String> runtimes,
    String description,
    Intelligence intelligence,
    Optional<String> intelligenceRaw,
    Optional<String> initialPrompt,
    boolean ephemeral,
    boolean gated,
    Optional<ObjectNode> interfaces,
    ObjectNode raw) {

  public PeerProfile {
    runtimes = List.copyOf(runtimes);
  }

  /** {@code gated} iff stored, else {@code yolo} (01 §9.2). */
  public String approvalMode() {
    return gated ? "gated" : "yolo";
  }
}
