package io.iapeer.host.service;

import io.iapeer.core.IapException;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.service.ServiceResult.State;
import java.nio.file.Path;

/**
 * {@code IAPEER_SERVICE_MANAGER=none} (04 §4.4): the host's own supervisor runs {@code iapeer
 * daemon}; iapeer defines no services, so infra peers cannot be always-on.
 */
public final class NoneManager implements ServiceManager {
  static final String ADVICE =
      "no service manager (IAPEER_SERVICE_MANAGER=none) — run `iapeer daemon` under this host's own supervisor";

  private final Layout layout;

  public NoneManager(Layout layout) {
    this.layout = layout;
  }

  @Override
  public String name() {
    return "none";
  }

  /** Where the built-in manager would keep it; nothing is ever written there by this one. */
  @Override
  public Path definitionPath(String label) {
    return layout.servicesDir().resolve(label + ".json");
  }

  @Override
  public String render(ServiceSpec spec) {
    throw refusal(spec);
  }

  @Override
  public boolean isOwned(Path definition) {
    return false;
  }

  @Override
  public boolean write(ServiceSpec spec) {
    throw refusal(spec);
  }

  @Override
  public boolean isLoaded(String label) {
    return false;
  }

  @Override
  public ServiceResult bootstrap(String label) {
    return skipped();
  }

  @Override
  public ServiceResult bootout(String label) {
    return skipped();
  }

  @Override
  public ServiceResult cycle(String label) {
    return skipped();
  }

  @Override
  public ServiceResult remove(String label) {
    return skipped();
  }

  @Override
  public String startHint(String label) {
    return ADVICE;
  }

  @Override
  public String restartHint(String label) {
    return ADVICE;
  }

  /** Nothing is service-managed when iapeer defines no services. */
  @Override
  public boolean isManaged(String personality) {
    return false;
  }

  private static ServiceResult skipped() {
    return new ServiceResult(State.SKIPPED_UNSUPPORTED, ADVICE);
  }

  private static IapException refusal(ServiceSpec spec) {
    return new IapException("cannot define service " + spec.label() + ": " + ADVICE);
  }
}
