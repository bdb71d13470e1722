package io.iapeer.host.prompt;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.RegistrySnapshot;
import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Layout;
import io.iapeer.core.storage.Modes;
import io.iapeer.core.storage.PeerPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A doctrine peer's system prompt (03 §8), general to specific: identity block, doctrine (global,
 * local), known peers, domain files, fragments. File-sourced sections carry a path marker.
 */
public final class SystemPrompt {
  private SystemPrompt() {}

  /**
   * The prompt text for the peer {@code personality} working in {@code cwd}: global files come
   * from {@code layout.root()}, local ones from {@code <cwd>/.iapeer}.
   */
  public static String compose(
      Layout layout,
      Path cwd,
      String personality,
      String description,
      RegistrySnapshot registry,
      HostFacts facts) {
    Path peerCwd = cwd.toAbsolutePath();
    PeerPaths local = layout.peer(peerCwd);
    Path home = layout.home().toAbsolutePath();
    List<String> sections = new ArrayList<>();
    sections.add(IdentityBlock.render(personality, description, peerCwd.toString(), facts));
    addMarked(List.of(layout.hostDoctrine(), local.doctrine()), home, sections);
    KnownPeers.render(registry).ifPresent(sections::add);
    addMarked(
        PromptFiles.paired(layout.root(), local.dotDir(), PromptFiles::isDomain), home, sections);
    // Fragments last: they are the most volatile (§8.5).
    addMarked(
        PromptFiles.paired(layout.hostFragments(), local.fragments(), PromptFiles::isMarkdown),
        home,
        sections);
    return join(sections);
  }

  /**
   * Composes afresh and writes {@code <stateDir>/<identity>.system-prompt.md} (0600) on every
   * bring-up, fresh or resume, so fragments and {@code today} are current (§8.7). A peer without
   * {@code <cwd>/.iapeer/IAPEER.md} is bare: nothing is written and the result is empty, so no
   * prompt flag is passed. The description is the registry's (§8.1), {@code ""} when unregistered.
   */
  public static Optional<Path> writeFor(
      Identity identity, Layout layout, Path cwd, RegistrySnapshot registry, HostFacts facts) {
    if (!Files.exists(layout.peer(cwd).doctrine())) {
      return Optional.empty();
    }
    String description =
        registry.find(identity.personality()).map(PeerRecord::description).orElse("");
    String text = compose(layout, cwd, identity.personality(), description, registry, facts);
    Path file = layout.lifecycleStateDir().resolve(identity.address() + ".system-prompt.md");
    AtomicFiles.write(file, text, Modes.PRIVATE);
    return Optional.of(file);
  }

  /** {@code ~} for a leading HOME, only when the path is HOME or under {@code HOME/} (§8.6). */
  static String displayPath(Path home, Path file) {
    String h = home.toString();
    String p = file.toAbsolutePath().toString();
    return p.equals(h) || p.startsWith(h + "/") ? "~" + p.substring(h.length()) : p;
  }

  /** Sections without trailing newlines, a blank line between, one newline at the end (§8.6). */
  private static String join(List<String> sections) {
    return sections.stream()
            .map(SystemPrompt::stripTrailingNewlines)
            .collect(Collectors.joining("\n\n"))
        + "\n";
  }

  static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }

  /** One marked section per file with content; absent and presence-marker files add nothing. */
  private static void addMarked(List<Path> files, Path home, List<String> sections) {
    for (Path file : files) {
      PromptFiles.content(file)
          .ifPresent(text -> sections.add("<!-- " + displayPath(home, file) + " -->\n" + text));
    }
  }
}
