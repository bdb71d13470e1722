package io.iapeer.host.runtime;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.peer.Intelligence;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to launch (03 §5 input): which peer in which runtime, in which folder, fresh or resumed.
 * Personality and runtime are read off the identity so they cannot disagree with it.
 *
 * @param systemPromptFile the composed prompt of a doctrine peer (03 §8.7)
 * @param extraArgs the caller's extra arguments
 * @param intelligence the peer's intelligence; empty = unknown (refused by a gated runtime)
 */
public record LaunchSpec(
    Identity identity,
    Path cwd,
    Optional<Path> systemPromptFile,
    boolean resume,
    List<String> extraArgs,
    Optional<Intelligence> intelligence) {

  public LaunchSpec {
    extraArgs = List.copyOf(extraArgs);
  }

  /** A fresh launch without prompt file or extras, of a peer whose intelligence is unknown. */
  public static LaunchSpec fresh(Identity identity, Path cwd) {
    return new LaunchSpec(identity, cwd, Optional.empty(), false, List.of(), Optional.empty());
  }

  public String personality() {
    return identity.personality();
  }

  public String runtime() {
    return identity.runtime();
  }

  public LaunchSpec withSystemPromptFile(Path file) {
    return new LaunchSpec(identity, cwd, Optional.of(file), resume, extraArgs, intelligence);
  }

  public LaunchSpec withResume(boolean resume) {
    return new LaunchSpec(identity, cwd, systemPromptFile, resume, extraArgs, intelligence);
  }

  public LaunchSpec withExtraArgs(List<String> extraArgs) {
    return new LaunchSpec(identity, cwd, systemPromptFile, resume, extraArgs, intelligence);
  }

  public LaunchSpec withIntelligence(Intelligence intelligence) {
    return new LaunchSpec(
        identity, cwd, systemPromptFile, resume, extraArgs, Optional.of(intelligence));
  }
}
