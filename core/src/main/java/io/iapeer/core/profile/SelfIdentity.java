package io.iapeer.core.profile;

import io.iapeer.core.IapException;
import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.NameNormalizer;
import io.iapeer.core.peer.Names;
import io.iapeer.core.settings.Env;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a process running inside a peer session is (01 §12.1, §13.1): the folder's profile plus the
 * {@code PEER_*} identity ABI its session was launched with. Self-calls such as {@code self-fresh}
 * resolve themselves with this; the daemon never does (it trusts only the registry, §13.2).
 */
public record SelfIdentity(Identity address, PeerProfile profile) {

  public static SelfIdentity resolve(Path cwd, Env env) {
    PeerProfile p =
        ProfileReader.read(cwd)
            .orElseThrow(
                () -> new IapException(
                    "cannot resolve identity without .iapeer/peer-profile.json; run from an"
                        + " initialized peer cwd"));
    Optional<String> envPersonality = env.get("PEER_PERSONALITY");
    if (envPersonality.isPresent() && !NameNormalizer.normalize(envPersonality.get()).equals(p.personality())) {
      throw new IapException(
          "PEER_PERSONALITY must match .iapeer/peer-profile.json personality \"" + p.personality()
              + "\", got \"" + envPersonality.get() + "\"");
    }
    Identity address = new Identity(runtime(Optional.of(p), env), p.personality());
    Optional<String> envIdentity = env.get("PEER_IDENTITY");
    if (envIdentity.isPresent() && !envIdentity.get().equals(address.address())) {
      throw new IapException(
          "PEER_IDENTITY must equal PEER_RUNTIME + \"-\" + PEER_PERSONALITY (" + address
              + "), got \"" + envIdentity.get() + "\"");
    }
    return new SelfIdentity(address, p);
  }

  /**
   * The session's runtime, first hit wins (01 §12.1): the runtime part of PEER_IDENTITY, the
   * profile's default, PEER_RUNTIME (validated as given), then the agent CLI's own variables.
   */
  public static String runtime(Optional<PeerProfile> profile, Env env) {
    Optional<String> fromIdentity =
        env.get("PEER_IDENTITY")
            .filter(id -> id.indexOf('-') > 0)
            .map(id -> id.substring(0, id.indexOf('-')))
            .filter(Names::isRuntime);
    if (fromIdentity.isPresent()) {
      return fromIdentity.get();
    }
    if (profile.isPresent()) {
      return profile.get().defaultRuntime();
    }
    Optional<String> peerRuntime = env.raw("PEER_RUNTIME").filter(v -> !v.isBlank());
    if (peerRuntime.isPresent()) {
      if (!Names.isRuntime(peerRuntime.get())) {
        throw new IapException(
            "PEER_RUNTIME must be a runtime id matching /" + Names.RUNTIME_REGEX + "/, got \""
                + peerRuntime.get() + "\"");
      }
      return peerRuntime.get();
    }
    if (env.get("CODEX_THREAD_ID").isPresent() || env.get("CODEX_SANDBOX").isPresent()) {
      return "codex";
    }
    if (env.raw("CLAUDECODE").filter("1"::equals).isPresent()
        || env.get("CLAUDE_CODE_SESSION_ID").isPresent()) {
      return "claude";
    }
    throw new IapException(
        "cannot resolve runtime, set PEER_RUNTIME or create .iapeer/peer-profile.json");
  }
}
