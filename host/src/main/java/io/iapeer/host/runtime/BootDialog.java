package io.iapeer.host.runtime;

import java.util.List;

/**
 * What the boot loop does about the screen it just captured (03 §3.1 {@code bootDialogKeys}, §5
 * step 7d): send keys and look again, wait without typing, fail the launch, or go on to the
 * readiness check.
 */
public sealed interface BootDialog {
  BootDialog NONE = new None();

  /** A dialog to answer: send these keys (tmux key names), then capture again. */
  record Keys(String dialog, List<String> keys) implements BootDialog {
    public Keys {
      keys = List.copyOf(keys);
    }
  }

  /** A dialog is up but nothing may be typed yet (loading, or the cursor cannot be verified). */
  record Wait(String dialog) implements BootDialog {}

  /** A dialog we must not answer for the user: the launch fails with this reason (06 D8). */
  record Refuse(String dialog, String reason) implements BootDialog {}

  /** No dialog we know is on the screen. */
  record None() implements BootDialog {}
}
