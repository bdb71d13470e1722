package io.iapeer.host.peer;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Intelligence;
import io.iapeer.core.peer.NameNormalizer;
import io.iapeer.core.peer.Names;
import io.iapeer.core.peer.Runtimes;
import io.iapeer.core.profile.PeerProfile;
import io.iapeer.core.profile.ProfileReader;
import io.iapeer.core.profile.ProfileWrite;
import io.iapeer.core.profile.ProfileWriter;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.registry.UpsertRequest;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Dirs;
import io.iapeer.core.storage.FileLocks;
import io.iapeer.core.storage.Folders;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.PeerPaths;
import io.iapeer.core.storage.Scaffold;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns a folder into a peer, or refreshes one (01 §11): the local profile, the registry record,
 * the runtime scopes, the MCP wiring and the doctrine stub. Every check runs before the first write,
 * so bad input changes nothing on disk.
 */
public final class Provisioner {
  private final Layout layout;
  private final Settings settings;
  private final Registry registry;
  private final ProfileWriter writer;
  private final Consumer<String> warnings;
  private final InfraService infra;

  public Provisioner(Layout layout, Settings settings, Registry registry, Consumer<String> warnings) {
    this(layout, settings, registry, warnings, InfraService.NONE);
  }

  public Provisioner(
      Layout layout, Settings settings, Registry registry, Consumer<String> warnings, InfraService infra) {
    this.layout = layout;
    this.settings = settings;
    this.registry = registry;
    this.writer = new ProfileWriter(settings.lockTimeout());
    this.warnings = warnings;
    this.infra = infra;
  }

  /**
   * @param runtime the resolved primary runtime
   * @param personality an explicit name (create); empty derives it from the folder (init)
   * @param alsoDeclare further runtimes to declare capability-only (never the default)
   * @param env the caller's environment for the identity gate; create passes one without PEER_*
   */
  public record Request(
      Path cwd,
      String runtime,
      Optional<String> personality,
      Optional<String> description,
      Optional<String> intelligence,
      List<String> alsoDeclare,
      Env env) {}

  /**
   * @param wired the MCP wiring files written or confirmed, for the {@code mcp:} summary
   * @param backups copies of malformed wiring files taken before they were replaced
   */
  public record Outcome(
      PeerProfile profile, boolean newPeer, List<Path> wired, List<Path> backups, Optional<Path> service) {}

  private record Plan(Request req, String personality, Optional<PeerProfile> existing, ProfileWrite write, boolean rewrite) {}

  public Outcome provision(Request req) {
    Plan plan = plan(req);
    return apply(plan);
  }

  /**
   * Runs every check {@link #provision} would and writes nothing: a caller about to ask the operator
   * something learns first whether the answer could matter.
   */
  public void check(Request req) {
    plan(req);
  }

  private Plan plan(Request req) {
    Plan plan = planProfile(req);
    if (Runtimes.isInfra(plan.write().runtime())) {
      infra.check(plan.personality(), plan.write().runtime(), req.cwd());
    }
    return plan;
  }

  private Plan planProfile(Request req) {
    String runtime = Names.requireRuntime(req.runtime());
    Optional<String> intelligence = req.intelligence().map(v -> checkIntelligence(v, runtime));
    RegistrySnapshot snapshot = registry.read(); // a corrupt registry stops us before any write
    Optional<PeerProfile> existing = ProfileReader.read(req.cwd());
    Optional<String> envPersonality = req.env().get("PEER_PERSONALITY");
    LinkedHashSet<String> discovered = discover(req.cwd(), runtime);
    discovered.addAll(req.alsoDeclare());

    if (existing.isEmpty()) {
      String personality = newPersonality(req);
      ownerElsewhere(snapshot, personality, req.cwd())
          .ifPresent(other -> {
            throw new IapException(
                "personality \"" + personality + "\" (from cwd basename) already belongs to " + other
                    + "; choose another name or rename this folder — no silent auto-suffix");
          });
      if (envPersonality.isPresent() && !NameNormalizer.normalize(envPersonality.get()).equals(personality)) {
        throw new IapException(
            "PEER_PERSONALITY \"" + envPersonality.get() + "\" does not match the peer being initialized (\""
                + personality + "\")");
      }
      ProfileWrite w =
          ProfileWrite.of(personality, runtime, new ArrayList<>(discovered))
              .withDescription(req.description().map(String::trim).orElse(""))
              .withIntelligence(intelligence.orElse(Runtimes.defaultIntelligence(runtime).wire()));
      return new Plan(req, personality, existing, w, true);
    }

    PeerProfile p = existing.get();
    // The stored name collides, not the folder's: renaming the folder would not help (01 §11 step 5).
    ownerElsewhere(snapshot, p.personality(), req.cwd())
        .ifPresent(other -> {
          throw new IapException(
              "personality collision: \"" + p.personality() + "\" already belongs to " + other
                  + "; change .iapeer/peer-profile.json");
        });
    if (envPersonality.isPresent() && !NameNormalizer.normalize(envPersonality.get()).equals(p.personality())) {
      throw new IapException(
          "PEER_PERSONALITY must match .iapeer/peer-profile.json personality \"" + p.personality()
              + "\", got \"" + envPersonality.get() + "\"");
    }
    if (req.personality().isPresent() && !NameNormalizer.normalize(req.personality().get()).equals(p.personality())) {
      throw new IapException(
          "refusing to provision peer \"" + NameNormalizer.normalize(req.personality().get()) + "\" at "
              + req.cwd() + ": it already holds peer \"" + p.personality() + "\"");
    }
    if (intelligence.isPresent() && !intelligence.get().equals(p.intelligence().wire())) {
      // 01 Q5: an existing agent's nature is its profile's; we neither change nor fork it.
      warnings.accept("--intelligence ignored: \"" + p.personality() + "\" already exists as "
          + p.intelligence().wire());
    }
    LinkedHashSet<String> merged = new LinkedHashSet<>(p.runtimes());
    merged.addAll(discovered);
    Optional<String> newDescription =
        req.description().map(String::trim).filter(d -> !d.isEmpty() && !d.equals(p.description()));
    boolean rewrite = merged.size() > p.runtimes().size() || newDescription.isPresent();
    String storedName = p.raw().get("personality").asString();
    ProfileWrite w =
        ProfileWrite.of(storedName, p.defaultRuntime(), new ArrayList<>(merged))
            .withDescription(newDescription.orElse(null));
    return new Plan(req, p.personality(), existing, w, rewrite);
  }

  private Outcome apply(Plan plan) {
    Path cwd = plan.req().cwd();
    String primary = plan.write().runtime();
    Optional<Path> service = Runtimes.isInfra(primary)
        ? Optional.of(infra.define(plan.personality(), primary, cwd))
        : Optional.empty();
    PeerPaths paths = layout.peer(cwd);
    Dirs.ensure(cwd);
    Scaffold.ensureLocal(paths);
    Scaffold.ensureRuntimeScopes(paths, plan.write().runtimes());
    PeerProfile profile =
        plan.rewrite() ? writer.write(cwd, plan.write()) : plan.existing().orElseThrow();
    // The registry mirrors the profile: its default, its runtimes, its raw intelligence word.
    registry.upsert(
        UpsertRequest.of(profile.personality(), profile.defaultRuntime(), cwd)
            .withRuntimes(profile.runtimes())
            .withDescription(profile.description())
            .withIntelligence(profile.intelligenceRaw().orElse(profile.intelligence().wire())));
    List<Path> wired = new ArrayList<>();
    List<Path> backups = new ArrayList<>();
    String url = DaemonUrl.of(layout, settings);
    if (profile.runtimes().contains(Runtimes.CLAUDE)) {
      Wired w = ClaudeWiring.wire(paths, profile.personality(), url);
      wired.addAll(w.files());
      backups.addAll(w.backups());
    }
    if (profile.runtimes().contains(Runtimes.CODEX)) {
      // Codex's config is one file for the whole host: concurrent creates must not lose a trust entry.
      try (var held = FileLocks.acquire(layout.codexConfigLock(), settings.lockTimeout(),
          "codex config is locked by another writer (" + layout.codexConfigLock() + "); retry")) {
        Wired w = CodexWiring.of(layout).wire(cwd, url);
        wired.addAll(w.files());
        backups.addAll(w.backups());
      }
    }
    Doctrine.ensureStub(paths, profile.personality());
    if (profile.ephemeral() && profile.interfaces().map(i -> i.has("telegram")).orElse(false)) {
      // 01 §11 / case 35: an ephemeral worker starts fresh for every message, a human expects a thread.
      warnings.accept("\"" + profile.personality() + "\" has wake_policy \"ephemeral\" and a telegram"
          + " interface: every message from its human would start a fresh session with no memory of"
          + " the last — drop one of them");
    }
    // Last: the global scaffold adds runtime scopes for ~/.claude and ~/.codex, and the codex wiring
    // above may just have created ~/.codex; scaffolding first left that to the next run.
    Scaffold.ensureGlobal(layout);
    return new Outcome(profile, plan.existing().isEmpty(), wired, backups, service);
  }

  /** Drops a removed codex peer's folder trust from the host codex config, under the same lock. */
  public boolean forgetCodexTrust(Path cwd) {
    try (var held = FileLocks.acquire(layout.codexConfigLock(), settings.lockTimeout(),
        "codex config is locked by another writer (" + layout.codexConfigLock() + "); retry")) {
      return CodexWiring.of(layout).removeTrust(cwd);
    }
  }

  private static String checkIntelligence(String raw, String runtime) {
    Intelligence i =
        Intelligence.normalize(raw)
            .orElseThrow(
                () -> new IapException(
                    "invalid intelligence \"" + raw + "\" — must be one of artificial|natural|absent"));
    List<Intelligence> allowed = Runtimes.allowedIntelligence(runtime);
    if (!allowed.contains(i)) {
      throw new IapException(
          "intelligence \"" + raw + "\" is not valid for runtime \"" + runtime + "\" — allowed: "
              + String.join(", ", allowed.stream().map(Intelligence::wire).toList()));
    }
    return i.wire();
  }

  private static String newPersonality(Request req) {
    Path base = req.cwd().toAbsolutePath().normalize().getFileName();
    String basename = base == null ? "" : base.toString();
    String expected = NameNormalizer.normalize(basename);
    if (req.personality().isPresent()) {
      String raw = req.personality().get();
      String p = NameNormalizer.normalize(raw);
      if (!Names.isPersonality(p)) {
        throw new IapException(
            "personality must match /" + Names.PERSONALITY_REGEX + "/, got \"" + raw + "\"");
      }
      if (!p.equals(expected)) {
        throw new IapException(
            "personality \"" + p + "\" must equal the normalized cwd basename \"" + expected
                + "\" (personality ↔ folder is 1:1) — name the folder " + p + " or drop --path");
      }
      return p;
    }
    if (!Names.isPersonality(expected)) {
      throw new IapException(
          "cannot derive peer personality from cwd basename \"" + basename
              + "\"; create .iapeer/peer-profile.json explicitly");
    }
    return expected;
  }

  /** The folder of another peer registered under {@code personality}, if there is one. */
  private static Optional<String> ownerElsewhere(RegistrySnapshot snapshot, String personality, Path cwd) {
    return snapshot.find(personality)
        .map(PeerRecord::cwd)
        .filter(other -> !Folders.same(Path.of(other), cwd));
  }

  /**
   * The runtime-marker scan of 01 §11: the primary, then {@code .claude}/{@code .codex} markers,
   * then runtime scope folders in name order (sorted for determinism).
   */
  private static LinkedHashSet<String> discover(Path cwd, String runtime) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    out.add(runtime);
    if (Files.isDirectory(cwd.resolve(".claude"))) {
      out.add(Runtimes.CLAUDE);
    }
    if (Files.isDirectory(cwd.resolve(".codex"))) {
      out.add(Runtimes.CODEX);
    }
    Path scopes = new PeerPaths(cwd).runtimesDir();
    if (Files.isDirectory(scopes)) {
      TreeSet<String> names = new TreeSet<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(scopes)) {
        for (Path p : ds) {
          String n = p.getFileName().toString();
          if (Names.isRuntime(n)) {
            names.add(n);
          }
        }
      } catch (IOException e) {
        throw new IapException("cannot list " + scopes + ": " + e.getMessage());
      }
      out.addAll(names);
    }
    return out;
  }
}
