package io.iapeer.host.peer;

import io.iapeer.core.storage.Folders;
import io.iapeer.core.storage.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Codex's half of the MCP wiring, in the host-wide {@code config.toml} (03 §3.5, 04 §3.11, 06 D9):
 * the {@code [mcp_servers.iapeer]} block, the update-check key, and the folder trust; plus the
 * trust removal of {@code iapeer remove} (04 §3.18 step 6). The file is the user's, so it is edited
 * line by line and a run that finds everything in place writes nothing.
 */
public record CodexWiring(Path config) {
  private static final List<String> BLOCK = List.of("mcp_servers", "iapeer");
  private static final Pattern UPDATE_KEY = Pattern.compile("\\s*check_for_update_on_startup\\s*=");
  private static final Pattern URL_KEY = Pattern.compile("([ \\t]*)url[ \\t]*=");

  /** {@code $CODEX_HOME/config.toml}, else {@code ~/.codex/config.toml}. */
  public static CodexWiring of(Layout layout) {
    return new CodexWiring(layout.codexConfig());
  }

  public Wired wire(Path cwd, String daemonUrl) {
    TomlFile file = TomlFile.read(config);
    // A startup update prompt would sit in front of the session's input; either value is a choice.
    if (!file.anyLine(UPDATE_KEY)) {
      file.prepend("check_for_update_on_startup = false");
    }
    OptionalInt block = file.table(BLOCK);
    if (block.isEmpty()) {
      file.append(
          List.of(
              "[mcp_servers.iapeer]",
              "url = " + TomlLine.quote(daemonUrl),
              "default_tools_approval_mode = \"approve\"",
              "bearer_token_env_var = \"IAPEER_BEARER\"",
              "",
              "[mcp_servers.iapeer.env_http_headers]",
              "\"X-IAPeer-Identity\" = \"PEER_IDENTITY\""));
    } else {
      refreshUrl(file, block.getAsInt(), daemonUrl);
    }
    // Codex asks about an untrusted folder before the session is usable; an existing entry, even
    // one the user set to something else, is theirs.
    String folder = Folders.canonical(cwd).toString();
    if (file.table(trustKey(folder)).isEmpty()) {
      file.append(
          List.of("[projects." + TomlLine.quote(folder) + "]", "trust_level = \"trusted\""));
    }
    boolean changed = file.save();
    return new Wired(List.of(config), changed ? List.of(config) : List.of(), List.of());
  }

  /**
   * Drops the folder's trust section under both its resolved and its literal path (the folder may
   * already be gone, or have been registered through a symlink). True when the file changed.
   */
  public boolean removeTrust(Path cwd) {
    TomlFile file = TomlFile.read(config);
    if (!file.exists()) {
      return false;
    }
    for (Path form : List.of(Folders.canonical(cwd), cwd.toAbsolutePath())) {
      List<String> key = trustKey(form.toString());
      for (OptionalInt at = file.table(key); at.isPresent(); at = file.table(key)) {
        file.removeSection(at.getAsInt());
      }
    }
    return file.save();
  }

  /**
   * The daemon's URL can change (router.json, IAPEER_PORT), so a block written earlier must follow
   * it (06 D9); only the {@code url} line is rewritten, and only when its value differs.
   */
  private static void refreshUrl(TomlFile file, int header, String daemonUrl) {
    int end = file.sectionEnd(header);
    for (int i = header + 1; i < end; i++) {
      String line = file.line(i);
      Matcher m = URL_KEY.matcher(line);
      if (m.lookingAt()) {
        if (TomlLine.string(line.substring(m.end())).filter(daemonUrl::equals).isEmpty()) {
          String cr = line.endsWith("\r") ? "\r" : "";
          file.set(i, m.group(1) + "url = " + TomlLine.quote(daemonUrl) + cr);
        }
        return;
      }
    }
  }

  private static List<String> trustKey(String folder) {
    return List.of("projects", folder);
  }
}
