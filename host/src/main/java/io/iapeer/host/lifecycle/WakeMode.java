package io.iapeer.host.lifecycle;

/** Who asks for a wake, which decides fresh or resume first (03 §9.2 {@code resume}, §9.4 rows 1–3). */
public enum WakeMode {
  /** A message woke the peer ({@code resume} absent): the markers decide. */
  MESSAGE,
  /** {@code resume=false}: folder launch, {@code new}, the eager relaunch. */
  FRESH,
  /** {@code resume=true}: {@code attach}, {@code compact} of a sleeper. */
  RESUME
}
