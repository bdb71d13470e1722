package io.iapeer.host.cli;

import io.iapeer.core.peer.Names;
import io.iapeer.core.runtime.RuntimeChoice;
import io.iapeer.host.peer.Provisioner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    customSynopsis = "usage: iapeer init [folder] [--runtime r] [--description d]",
    description = {
      "Makes a folder (default: the current one) a peer named after the folder.",
      "",
      "Writes .iapeer/peer-profile.json, registers the peer, wires its MCP client",
      "to the router daemon (.mcp.json for Claude Code, ~/.codex/config.toml for",
      "Codex) and creates the .iapeer/IAPEER.md doctrine stub. Safe to run again."
    })
public final class InitCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "folder", description = "the peer folder (default: .)")
  String folder;

  @Option(names = "--runtime", paramLabel = "r", description = "primary runtime (default: the folder's markers, else the installed agent CLI)")
  String runtime;

  @Option(names = "--description", paramLabel = "d", description = "what this peer does, shown to other peers (≤ 450 characters)")
  String description;

  @Option(names = "--personality", hidden = true)
  String personality;

  @Option(names = "--no-bootstrap", description = "do not start an infra peer's service (agent peers never start at init)")
  boolean noBootstrap;

  public InitCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (personality != null) {
      throw new UsageError(
          "init: --personality was removed — a peer's name is its folder name; rename the folder to"
              + " set the name");
    }
    Optional<String> desc = Provisioning.description(spec, description);
    Path cwd = folder == null ? ctx.cwd() : ctx.resolve(folder);
    Optional<String> explicit = Optional.ofNullable(runtime).map(Names::requireRuntime);
    String primary = RuntimeChoice.primary(ctx.layout(), cwd, explicit);
    // Since 0.4.5 init also declares every other installed agent CLI, capability-only.
    List<String> others = RuntimeChoice.secondaries(ctx.layout(), primary);
    Provisioner.Outcome o =
        Provisioning.provisioner(ctx)
            .provision(
                new Provisioner.Request(
                    cwd, primary, Optional.empty(), desc, Optional.empty(), others, ctx.env()));
    Provisioning.ServiceTail service = Provisioning.service(ctx, o, noBootstrap);
    ctx.out().println(
        "initialized \"" + o.profile().personality() + "\" " + Provisioning.runtimes(o) + "; mcp: "
            + Provisioning.mcp(ctx, o) + service.text());
    return service.failed() ? Cli.FAILED : Cli.OK;
  }
}
