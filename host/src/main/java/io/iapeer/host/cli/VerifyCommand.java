package io.iapeer.host.cli;

import io.iapeer.core.profile.ProfileIssue;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.ProfileStandard;
import io.iapeer.core.profile.ProfileWriter;
import io.iapeer.core.profile.UnreadableProfile;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySync;
import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
    name = "verify",
    customSynopsis = "usage: iapeer verify [--json] [--fix]",
    description = {
      "Checks peer profiles against the standard and the registry against them.",
      "",
      "--fix strips the legacy `runtime` field from conformant profiles and",
      "rebuilds the registry from the local profiles. Exits 1 on errors, or on",
      "drift without --fix."
    })
public final class VerifyCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(names = "--json", description = "print {peers, errors, drift, reconcile} as JSON")
  boolean json;

  @Option(names = "--fix", description = "migrate legacy profiles and reindex the registry from them")
  boolean fix;

  public VerifyCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Registry registry = Provisioning.registry(ctx);
    List<PeerRecord> peers = registry.read().peers();
    List<String> lines = new ArrayList<>();
    List<Path> candidates = new ArrayList<>();
    List<String> candidateNames = new ArrayList<>();
    int errors = 0;
    for (PeerRecord r : peers) {
      Path cwd = Path.of(r.cwd());
      Optional<ObjectNode> raw;
      try {
        raw = ProfileReader.readRaw(cwd);
      } catch (UnreadableProfile e) {
        errors++;
        lines.add("✗ " + r.personality() + ": profile is " + e.problem()
            + (e.detail().isEmpty() ? "" : " — " + e.detail()));
        continue;
      }
      if (raw.isEmpty()) {
        errors++;
        lines.add("✗ " + r.personality() + ": no local profile at " + cwd.resolve(".iapeer/peer-profile.json"));
        continue;
      }
      List<ProfileIssue> issues = ProfileStandard.validate(raw.get(), cwd);
      List<ProfileIssue> errs = issues.stream().filter(ProfileIssue::isError).toList();
      if (!errs.isEmpty()) {
        errors += errs.size();
        lines.add("✗ " + r.personality() + ": "
            + errs.stream().map(i -> i.field() + " — " + i.message()).collect(Collectors.joining("; ")));
        continue;
      }
      if (!issues.isEmpty() && !json) {
        lines.add("⚠ " + r.personality() + ": "
            + issues.stream().map(ProfileIssue::field).distinct().collect(Collectors.joining(", ")));
      }
      boolean legacy = issues.stream().anyMatch(i -> i.field().equals("default_runtime")) || raw.get().has("runtime");
      if (legacy) {
        candidates.add(cwd);
        candidateNames.add(r.personality());
      }
    }
    RegistrySync sync = new RegistrySync(registry);
    List<RegistrySync.Reconciled> reconcile = sync.reconcile();
    int drift = 0;
    for (RegistrySync.Reconciled c : reconcile) {
      if (c.drift().isPresent() && !c.drift().get().isEmpty()) {
        drift++;
        lines.add("↯ " + c.personality() + ": index↔local drift on " + String.join(", ", c.drift().get()));
      }
    }

    Optional<Fixed> fixed =
        fix ? Optional.of(fix(sync, candidates, candidateNames, errors, drift)) : Optional.empty();
    if (json) {
      ObjectNode report = report(peers.size(), errors, drift, reconcile);
      fixed.ifPresent(f -> {
        ObjectNode o = report.putObject("fixed");
        f.migrated().forEach(o.putArray("migrated")::add);
        f.healed().forEach(o.putArray("healed")::add);
        f.missing().forEach(o.putArray("missing")::add);
      });
      ctx.out().print(Json.pretty(report));
    } else {
      lines.forEach(ctx.out()::println);
      if (!lines.isEmpty()) {
        ctx.out().println();
      }
      ctx.out().println(peers.size() + " peers · " + errors + " error(s) · " + drift + " index↔local drift(s)");
      fixed.ifPresent(this::print);
    }
    return errors > 0 || (drift > 0 && !fix) ? Cli.FAILED : Cli.OK;
  }

  /** What {@code --fix} did: profiles migrated, records healed, peers without a readable profile. */
  record Fixed(List<String> migrated, List<String> healed, List<String> missing) {}

  /** Migrates legacy profiles, then reindexes when there is drift or nothing is broken (01 §15.4). */
  private Fixed fix(RegistrySync sync, List<Path> candidates, List<String> names, int errors, int drift) {
    ProfileWriter writer = new ProfileWriter(ctx.settings().lockTimeout());
    List<String> migrated = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      if (writer.migrateRuntimeField(candidates.get(i))) {
        migrated.add(names.get(i));
      }
    }
    if (drift > 0 || errors == 0) {
      RegistrySync.Reindexed r = sync.reindex();
      return new Fixed(migrated, r.healed(), r.missing());
    }
    return new Fixed(migrated, List.of(), List.of());
  }

  private void print(Fixed f) {
    if (!f.migrated().isEmpty()) {
      ctx.out().println("stripped legacy `runtime` mirror (default_runtime only): " + String.join(", ", f.migrated()));
    }
    if (!f.healed().isEmpty()) {
      ctx.out().println("self-healed index from local profiles:");
      f.healed().forEach(h -> ctx.out().println("  " + h));
    }
    if (!f.missing().isEmpty()) {
      ctx.err().println("peers with no local profile (left untouched): " + String.join(", ", f.missing()));
    }
  }

  private static ObjectNode report(int peers, int errors, int drift, List<RegistrySync.Reconciled> reconcile) {
    ObjectNode o = Json.object();
    o.put("peers", peers);
    o.put("errors", errors);
    o.put("drift", drift);
    ArrayNode arr = o.putArray("reconcile");
    for (RegistrySync.Reconciled c : reconcile) {
      ObjectNode e = arr.addObject();
      e.put("personality", c.personality());
      e.put("cwd", c.cwd());
      if (c.drift().isPresent()) {
        c.drift().get().forEach(e.putArray("drift")::add);
      } else {
        e.putNull("drift");
      }
    }
    return o;
  }
}
