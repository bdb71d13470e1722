package io.iapeer.host.cli;

import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceManager;
import io.iapeer.host.service.ServiceResult;
import java.util.ArrayList;
import java.util.List;

/**
 * After the binary changed, every infra peer whose service we own is restarted on it too (04 §3.2
 * step 5); a foreign definition is another manager's and is left alone.
 */
final class InfraRecycle {
  private InfraRecycle() {}

  /** The infra tail of a rollback line: {@code ; infra recycled: a, b; infra FAILED: c (why)}. */
  record Report(List<String> recycled, List<String> passive, List<String> failures) {
    boolean failed() {
      return !failures.isEmpty();
    }

    String note() {
      StringBuilder sb = new StringBuilder();
      if (!recycled.isEmpty()) {
        sb.append("; infra recycled: ").append(String.join(", ", recycled));
      }
      if (!passive.isEmpty()) {
        sb.append("; infra ").append(String.join(", ", passive));
      }
      if (!failures.isEmpty()) {
        sb.append("; infra FAILED: ").append(String.join("; ", failures));
      }
      return sb.toString();
    }
  }

  static Report all(Context ctx, ServiceManager services) {
    List<String> recycled = new ArrayList<>();
    List<String> passive = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (PeerRecord peer : Provisioning.registry(ctx).read().peers()) {
      String label = Labels.peer(peer.personality());
      if (peer.runtimes().stream().noneMatch(Runtimes::isInfra)
          || !services.isOwned(services.definitionPath(label))) {
        continue;
      }
      ServiceResult r = services.cycle(label);
      switch (r.state()) {
        case RESTARTED -> recycled.add(peer.personality());
        case FAILED, REFUSED_FOREIGN -> failures.add(peer.personality() + " (" + r.detail() + ")");
        default -> passive.add(peer.personality() + " " + r.state().token());
      }
    }
    return new Report(recycled, passive, failures);
  }
}
