package io.iapeer.host.lifecycle;

import io.iapeer.core.peer.Names;
import java.util.List;
import java.util.Optional;

/** Which runtime a wake brings up (03 §9.2 step 4, case 29). */
public sealed interface RuntimePick {
  record Chosen(String runtime) implements RuntimePick {}

  record Refused(String reason) implements RuntimePick {}

  /**
   * An explicit runtime must be valid and declared; else the default runtime; else the first
   * declared one; else nothing to wake.
   */
  static RuntimePick of(String personality, Optional<String> explicit, String defaultRuntime, List<String> declared) {
    if (explicit.isPresent()) {
      String rt = explicit.get();
      if (!Names.isRuntime(rt)) {
        return new Refused("invalid runtime \"" + rt + "\"");
      }
      boolean isDeclared = rt.equals(defaultRuntime) || declared.contains(rt);
      return isDeclared
          ? new Chosen(rt)
          : new Refused("runtime \"" + rt + "\" is not declared for \"" + personality + "\"");
    }
    if (defaultRuntime != null && !defaultRuntime.isEmpty()) {
      return new Chosen(defaultRuntime);
    }
    if (!declared.isEmpty()) {
      return new Chosen(declared.getFirst());
    }
    return new Refused("cannot pick a runtime to wake \"" + personality + "\"; specify runtime");
  }
}
