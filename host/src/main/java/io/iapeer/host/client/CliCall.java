package io.iapeer.host.client;

import io.iapeer.core.IapException;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CLI verb the daemon runs on its caller's behalf (06 D4): the argv, where the caller stands, and
 * who it is when it is an agent session (self-calls know their caller by these variables).
 *
 * @param identity the caller's {@link #IDENTITY} variables that are set, and only those
 */
public record CliCall(List<String> argv, Path cwd, Map<String, String> identity) {
  /**
   * The verbs that can start or stop a session. {@code attach} stands for its wake only: the
   * terminal is the caller's, so the attach itself stays in the caller's process.
   */
  public static final Set<String> VERBS =
      Set.of("new", "compact", "stop", "start", "refresh", "self-fresh", "self-done", "attach");

  /** What a session is told about itself (03 §4.2 step 4). */
  public static final List<String> IDENTITY = List.of("PEER_PERSONALITY", "PEER_IDENTITY", "PEER_RUNTIME");

  public CliCall {
    argv = List.copyOf(argv);
    identity = Map.copyOf(identity);
  }

  public static CliCall of(String[] argv, Path cwd, Env env) {
    Map<String, String> identity = new LinkedHashMap<>();
    IDENTITY.forEach(name -> env.get(name).ifPresent(v -> identity.put(name, v)));
    return new CliCall(List.of(argv), cwd, identity);
  }

  public String verb() {
    return argv.getFirst();
  }

  public ObjectNode toJson() {
    ObjectNode o = Json.object();
    argv.forEach(o.putArray("argv")::add);
    o.put("cwd", cwd.toString());
    ObjectNode env = o.putObject("identity");
    identity.forEach(env::put);
    return o;
  }

  /** The daemon's side of {@link #toJson}; throws the one line a malformed call is refused with. */
  public static CliCall read(JsonNode o) {
    List<String> argv = new ArrayList<>();
    o.path("argv").forEach(a -> argv.add(a.asString("")));
    String cwd = o.path("cwd").asString("");
    if (argv.isEmpty() || !cwd.startsWith("/")) {
      throw new IapException("a CLI call needs a non-empty argv and an absolute cwd");
    }
    Map<String, String> identity = new LinkedHashMap<>();
    IDENTITY.forEach(name -> {
      String v = o.path("identity").path(name).asString("");
      if (!v.isBlank()) {
        identity.put(name, v);
      }
    });
    return new CliCall(argv, Path.of(cwd), identity);
  }
}
