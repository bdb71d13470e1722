package io.iapeer.host.cli;

import picocli.CommandLine.Model.CommandSpec;

/**
 * A usage problem: missing or invalid arguments. Printed as one line {@code iapeer: <what> — usage:
 * iapeer <form>} with exit code 2 (04 §1.4).
 */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message, null, false, false);
  }

  /** {@code <what> — usage: <the verb's signature>}. */
  public static UsageError of(CommandSpec spec, String what) {
    return new UsageError(what + " — usage: " + Cli.synopsis(spec.commandLine()));
  }
}
