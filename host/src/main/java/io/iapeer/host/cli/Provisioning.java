package io.iapeer.host.cli;

import io.iapeer.core.peer.Names;
import io.iapeer.core.registry.Registry;
import io.iapeer.host.peer.Provisioner;
import io.iapeer.host.service.Labels;
import io.iapeer.host.service.ServiceResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** What init, create and add-runtime share: argument checks, the provisioner, the summary line. */
final class Provisioning {
  private Provisioning() {}

  static Provisioner provisioner(Context ctx) {
    return new Provisioner(ctx.layout(), ctx.settings(), registry(ctx), ctx::warn, new InfraServices(ctx));
  }

  static Registry registry(Context ctx) {
    return new Registry(ctx.layout(), ctx::warn);
  }

  /** A description longer than the registry keeps is refused up front rather than cut silently. */
  static Optional<String> description(CommandSpec spec, String d) {
    if (d != null && d.trim().length() > Names.MAX_DESCRIPTION_LENGTH) {
      throw UsageError.of(
          spec,
          "--description is " + d.trim().length() + " characters; the limit is "
              + Names.MAX_DESCRIPTION_LENGTH + " — shorten it");
    }
    return Optional.ofNullable(d);
  }

  /**
   * An infra peer's service tail of the summary line (04 §3.11–§3.12): {@code ; plist: <path>} and,
   * unless {@code --no-bootstrap}, {@code ; bootstrap: <state>}; {@code failed} tells the exit code.
   */
  record ServiceTail(String text, boolean failed) {}

  static ServiceTail service(Context ctx, Provisioner.Outcome o, boolean noBootstrap) {
    if (o.service().isEmpty()) {
      return new ServiceTail("", false);
    }
    String text = "; plist: " + o.service().get();
    if (noBootstrap) {
      return new ServiceTail(text, false);
    }
    ServiceResult r = Services.of(ctx).bootstrap(Labels.peer(o.profile().personality()));
    return new ServiceTail(text + "; bootstrap: " + r, r.failed());
  }

  /** {@code (default: claude; runtimes: claude, codex)}. */
  static String runtimes(Provisioner.Outcome o) {
    return "(default: " + o.profile().defaultRuntime() + "; runtimes: "
        + String.join(", ", o.profile().runtimes()) + ")";
  }

  /** The {@code mcp:} summary; a malformed wiring file that was replaced is reported on stderr. */
  static String mcp(Context ctx, Provisioner.Outcome o) {
    for (Path bak : o.backups()) {
      ctx.warn("a malformed file was replaced; its old content is kept at " + bak);
    }
    List<Path> wired = o.wired();
    return wired.isEmpty() ? "none" : wired.stream().map(Path::toString).collect(Collectors.joining(", "));
  }
}
