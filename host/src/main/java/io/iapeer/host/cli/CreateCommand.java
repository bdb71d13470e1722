package io.iapeer.host.cli;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.NameNormalizer;
import io.iapeer.core.peer.Names;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.runtime.Installed;
import io.iapeer.core.settings.Env;
import io.iapeer.core.runtime.RuntimeChoice;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.host.peer.Provisioner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "create",
    customSynopsis =
        "usage: iapeer create <personality> [--runtime r] [--path dir] [--description d] [--intelligence i]",
    description = {
      "Creates a peer in a folder (default ~/.iapeer/peers/<name>), as init does.",
      "",
      "The name is normalized (\"My Project\" → my-project) and must then match",
      "^[a-z][a-z0-9-]{0,31}$. With both agent CLIs installed and no --runtime,",
      "a terminal asks which one the peer defaults to; otherwise claude is chosen",
      "and the other is declared as well."
    })
public final class CreateCommand implements Callable<Integer> {
  private final Context ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "personality", description = "the peer's name")
  String name;

  @Option(names = "--runtime", paramLabel = "r", description = "default runtime: claude or codex")
  String runtime;

  @Option(names = "--path", paramLabel = "dir", description = "the peer folder; its name must normalize to the peer name")
  String path;

  @Option(names = "--description", paramLabel = "d", description = "what this peer does, shown to other peers (≤ 450 characters)")
  String description;

  @Option(names = "--intelligence", paramLabel = "i", description = "artificial (agents; default), natural (humans) or absent (programs)")
  String intelligence;

  @Option(names = "--no-bootstrap", description = "do not start an infra peer's service (agent peers never start at create)")
  boolean noBootstrap;

  public CreateCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (name == null) {
      throw UsageError.of(spec, "create needs a peer name");
    }
    Optional<String> desc = Provisioning.description(spec, description);
    String personality = NameNormalizer.normalize(name);
    if (!Names.isPersonality(personality)) {
      throw new IapException(
          "invalid personality \"" + name + "\" — must normalize to /" + Names.PERSONALITY_REGEX + "/");
    }
    Optional<String> explicit = Optional.ofNullable(runtime).map(Names::requireRuntime);
    if (explicit.isPresent() && Runtimes.isAgentic(explicit.get())
        && !Installed.isInstalled(ctx.layout(), explicit.get())) {
      throw RuntimeChoice.notInstalled(explicit.get());
    }
    Path location = path == null ? ctx.layout().defaultPeerFolder(personality) : ctx.resolve(path);
    Optional<PeerProfile> held = ProfileReader.read(location);
    if (held.isPresent() && !held.get().personality().equals(personality)) {
      throw new IapException(
          "refusing to create peer \"" + personality + "\" at " + location + ": it already holds peer \""
              + held.get().personality() + "\" (.iapeer/peer-profile.json) — choose another --path or"
              + " personality");
    }
    // create is a cross-peer operation: the operator's own session identity must not gate it (01 §4.3).
    var env = ctx.env().without("PEER_PERSONALITY", "PEER_IDENTITY", "PEER_RUNTIME");
    Provisioner provisioner = Provisioning.provisioner(ctx);
    String chosen =
        chooseRuntime(
            explicit, rt -> provisioner.check(request(location, rt, personality, desc, List.of(), env)));
    List<String> secondaries = RuntimeChoice.secondaries(ctx.layout(), chosen);
    Provisioner.Outcome o =
        provisioner.provision(request(location, chosen, personality, desc, secondaries, env));
    Provisioning.ServiceTail service = Provisioning.service(ctx, o, noBootstrap);
    ctx.out().println(
        "created \"" + personality + "\" " + Provisioning.runtimes(o) + " at " + location + "; mcp: "
            + Provisioning.mcp(ctx, o) + service.text());
    return service.failed() ? Cli.FAILED : Cli.OK;
  }

  private Provisioner.Request request(
      Path location, String rt, String personality, Optional<String> desc, List<String> secondaries, Env env) {
    return new Provisioner.Request(
        location, rt, Optional.of(personality), desc, Optional.ofNullable(intelligence), secondaries, env);
  }

  /**
   * The explicit runtime, else the only installed one; with both installed, a terminal is asked and
   * anything else gets a note — but only after {@code precheck} has passed, so an operator is never
   * asked a question (or told about a default) for a peer that is then refused.
   */
  private String chooseRuntime(Optional<String> explicit, Consumer<String> precheck) {
    if (explicit.isPresent()) {
      return explicit.get();
    }
    RuntimeChoice.Plan plan = RuntimeChoice.plan(ctx.layout(), explicit);
    if (plan.ambiguous()) {
      List<String> installed = Installed.agentic(ctx.layout());
      precheck.accept(installed.get(0));
      if (ctx.interactive()) {
        return Prompt.choose(
            ctx, "More than one agent runtime is installed. Which should this peer default to?", installed);
      }
      ctx.err().println(
          "note: " + String.join(" and ", installed) + " are both installed; defaulting to "
              + installed.get(0) + " — pass --runtime or run in a terminal to choose");
      return installed.get(0);
    }
    return plan.defaultRuntime().orElseThrow(RuntimeChoice::noneInstalled);
  }
}
