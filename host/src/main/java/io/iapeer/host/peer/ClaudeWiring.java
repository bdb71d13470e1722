package io.iapeer.host.peer;

import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.PeerPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Claude Code's half of a peer's MCP wiring (03 §3.5, 04 §3.11, 06 D9): the {@code iapeer}
 * server in {@code <cwd>/.mcp.json} and {@code enableAllProjectMcpServers} in
 * {@code .claude/settings.json}. Both are merges into files the user may share with other tools,
 * so everything else is kept, and a file that already says what we want is not touched.
 */
public final class ClaudeWiring {
  private static final String SERVER = "iapeer";

  private ClaudeWiring() {}

  public static Wired wire(PeerPaths peer, String personality, String daemonUrl) {
    List<Path> changed = new ArrayList<>();
    List<Path> backups = new ArrayList<>();
    ObjectNode entry = entry(personality, daemonUrl);
    merge(
        peer.mcpJson(),
        // Claude rejects a non-object mcpServers, so such a file is as malformed as bad JSON.
        root -> !root.has("mcpServers") || root.get("mcpServers").isObject(),
        root -> servers(root).set(SERVER, entry),
        changed,
        backups);
    // Without it claude asks before using a project server; the boot-dialog answer is a backstop.
    merge(
        peer.claudeSettings(),
        root -> true,
        root -> root.put("enableAllProjectMcpServers", true),
        changed,
        backups);
    return new Wired(List.of(peer.mcpJson(), peer.claudeSettings()), changed, backups);
  }

  /**
   * Claude expands {@code ${PEER_IDENTITY:-…}} from the session's environment, so the identity
   * follows whichever session reads the file; the default covers a hand-started claude.
   */
  private static ObjectNode entry(String personality, String daemonUrl) {
    ObjectNode entry = Json.object();
    entry.put("type", "http");
    entry.put("url", daemonUrl);
    entry
        .putObject("headers")
        .put("X-IAPeer-Identity", "${PEER_IDENTITY:-claude-" + personality + "}");
    return entry;
  }

  private static ObjectNode servers(ObjectNode root) {
    return root.has("mcpServers")
        ? (ObjectNode) root.get("mcpServers")
        : root.putObject("mcpServers");
  }

  /**
   * Read, edit, write only on a change. A file that is not a usable JSON object is copied verbatim
   * to {@code <name>.corrupt.bak} and replaced by a fresh one (03 §3.5).
   */
  private static void merge(
      Path file,
      Predicate<ObjectNode> usable,
      Consumer<ObjectNode> edit,
      List<Path> changed,
      List<Path> backups) {
    Optional<byte[]> bytes = ForeignFiles.read(file);
    Optional<ObjectNode> parsed =
        bytes.flatMap(ForeignFiles::utf8).flatMap(ClaudeWiring::object).filter(usable);
    if (bytes.isPresent() && parsed.isEmpty()) {
      Path copy = file.resolveSibling(file.getFileName() + ".corrupt.bak");
      ForeignFiles.backup(file, copy);
      backups.add(copy);
    }
    ObjectNode root = parsed.map(ObjectNode::deepCopy).orElseGet(Json::object);
    edit.accept(root);
    if (parsed.isPresent() && parsed.get().equals(root)) {
      return;
    }
    ForeignFiles.write(file, Json.pretty(root));
    changed.add(file);
  }

  private static Optional<ObjectNode> object(String text) {
    try {
      JsonNode node = Json.parse(text);
      return node.isObject() ? Optional.of((ObjectNode) node) : Optional.empty();
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
