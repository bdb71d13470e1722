package io.iapeer.host.route;

import io.iapeer.core.peer.Identity;
import io.iapeer.core.registry.Caller;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.settings.Env;
import io.iapeer.core.settings.Settings;
import io.iapeer.core.storage.Json;
import io.iapeer.core.storage.Layout;
import io.iapeer.host.runtime.Adapters;
import io.iapeer.host.session.SessionHost;
import io.iapeer.host.session.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A host for routing tests: its own root, a registry written straight to disk, and callers. */
final class RouteFixture {
  final Path base;
  final Map<String, String> env = new HashMap<>();
  private final Map<String, ObjectNode> peers = new LinkedHashMap<>();

  RouteFixture(Path base, Path sockDir) {
    this.base = base;
    env.put("HOME", mkdirs(base.resolve("home")).toString());
    env.put("IAPEER_ROOT", base.resolve("root").toString());
    env.put("IAPEER_SOCK_DIR", sockDir.toString());
    env.put("IAPEER_TEST_SANDBOX", "1");
    env.put("PATH", "/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
  }

  Layout layout() {
    return Layout.from(new Env(env));
  }

  Settings settings() {
    return new Settings(new Env(env));
  }

  Sessions sessions(SessionHost host) {
    return Sessions.of(host, new Adapters(layout()), settings());
  }

  /** Registers a peer (default runtime first) with a folder of its own. */
  RouteFixture peer(String personality, String runtime, String... more) {
    ObjectNode p = Json.object();
    p.put("personality", personality);
    p.put("runtime", runtime);
    ArrayNode rts = p.putArray("runtimes");
    rts.add(runtime);
    for (String r : more) {
      rts.add(r);
    }
    p.put("description", "");
    p.put("intelligence", runtime.equals("telegram") ? "natural" : "artificial");
    p.put("cwd", mkdirs(folder(personality)).toString());
    peers.put(personality, p);
    return write();
  }

  /** Binds a Telegram bot to the peer's record (02 §9.6). */
  RouteFixture bot(String personality) {
    peers.get(personality).putObject("interfaces").putObject("telegram").put("bot_username", personality + "_bot");
    return write();
  }

  /** Writes a local profile that makes the peer an ephemeral worker (03 §9.11). */
  RouteFixture ephemeral(String personality) {
    ObjectNode profile = peers.get(personality).deepCopy();
    profile.put("default_runtime", profile.get("runtime").asString());
    profile.put("wake_policy", "ephemeral");
    write(folder(personality).resolve(".iapeer/peer-profile.json"), Json.compact(profile));
    return this;
  }

  Path folder(String personality) {
    return base.resolve("peers").resolve(personality);
  }

  Caller caller(String identity) {
    Identity id = Identity.parse(identity).orElseThrow();
    return Caller.resolve(id.personality(), id.runtime(), new Registry(layout(), w -> {}).read());
  }

  private RouteFixture write() {
    ObjectNode root = Json.object();
    root.put("version", 2);
    ArrayNode list = root.putArray("peers");
    peers.values().forEach(list::add);
    write(layout().registryFile(), Json.compact(root));
    return this;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
