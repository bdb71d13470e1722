package io.iapeer.host.daemon;

import io.iapeer.host.client.CliAnswer;
import io.iapeer.host.client.CliCall;

/**
 * Runs a CLI verb inside the daemon for a caller on its socket (06 D4), so the sessions the verb
 * starts are the daemon's children. The CLI implements it; the daemon only carries the call.
 */
@FunctionalInterface
public interface CliVerbs {
  /** Never throws for a verb's own failure: that is its exit code and its stderr. */
  CliAnswer run(CliCall call);
}
