package io.iapeer.host.service;

import io.iapeer.host.service.ServiceResult.State;
import io.iapeer.host.session.CommandRunner;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The retried load of 04 §4.2.4, shared by launchd and systemd (§4.3.4): one attempt per pause;
 * before a retry the job is looked at again, because a failed attempt may still have loaded it.
 */
final class LoadAttempts {
  private LoadAttempts() {}

  /** Loaded, already-loaded (it appeared between attempts) or failed with the last failure. */
  static ServiceResult run(Pacing pacing, BooleanSupplier listed, Supplier<CommandRunner.Result> load)
      throws InterruptedException {
    String last = "";
    int n = pacing.attemptPauses().size();
    for (int i = 0; i < n; i++) {
      pacing.pauseBefore(i);
      if (i > 0 && listed.getAsBoolean()) {
        return ServiceResult.of(State.ALREADY_LOADED);
      }
      CommandRunner.Result r = load.get();
      if (r.ok()) {
        return ServiceResult.of(State.LOADED);
      }
      last = r.failure();
    }
    return ServiceResult.failed(n + " bootstrap attempts failed (last: " + last + ")");
  }
}
