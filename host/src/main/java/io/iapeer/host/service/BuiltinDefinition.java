package io.iapeer.host.service;

import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A built-in supervisor's service definition, {@code <servicesDir>/<label>.json} (04 §4.4): the
 * spec plus the ownership marker {@code "managedBy": "iapeer"} and {@code "enabled"}. What is on
 * disk is one of four things, and only a {@link Valid} enabled one is ever run.
 */
public sealed interface BuiltinDefinition {
  String MARKER_KEY = "managedBy";
  String MARKER = "iapeer";

  /** No file at the label. */
  record Absent() implements BuiltinDefinition {}

  /** A file without our marker, or not a JSON object at all: never written, run, cycled or deleted. */
  record Foreign(String why) implements BuiltinDefinition {}

  /** Ours (it has the marker) but cannot be run as it stands; {@code raw} is what it holds. */
  record Broken(ObjectNode raw, String why) implements BuiltinDefinition {}

  record Valid(ServiceSpec spec, boolean enabled, ObjectNode raw) implements BuiltinDefinition {}

  /** The file's text: fixed key order, environment sorted, so equal specs give equal bytes. */
  static String render(ServiceSpec spec, boolean enabled) {
    ObjectNode o = Json.object();
    o.put(MARKER_KEY, MARKER);
    o.put("label", spec.label());
    o.put("description", spec.description());
    o.put("enabled", enabled);
    spec.argv().forEach(o.putArray("argv")::add);
    o.put("workingDir", spec.workingDir().toString());
    ObjectNode env = o.putObject("env");
    spec.env().forEach(env::put);
    o.put("stdout", spec.stdout().toString());
    o.put("stderr", spec.stderr().toString());
    o.put("throttleSecs", spec.throttle().toSeconds());
    o.put("daemon", spec.daemon());
    return Json.pretty(o);
  }

  /** Reads the definition of {@code label} at {@code file}; never throws for what the file holds. */
  static BuiltinDefinition read(Path file, String label) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return new Absent();
    } catch (IOException e) {
      return new Foreign("cannot be read: " + e.getMessage());
    }
    return parse(text, label);
  }

  static BuiltinDefinition parse(String text, String label) {
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (JacksonException e) {
      return new Foreign("not JSON: " + Json.shortMessage(e));
    }
    if (!(node instanceof ObjectNode o)) {
      return new Foreign("not a JSON object");
    }
    JsonNode marker = o.get(MARKER_KEY);
    if (marker == null || !marker.isString() || !marker.asString().equals(MARKER)) {
      return new Foreign("no \"" + MARKER_KEY + "\": \"" + MARKER + "\"");
    }
    try {
      return new Valid(spec(o, label), bool(o, "enabled"), o);
    } catch (IllegalArgumentException e) {
      return new Broken(o, e.getMessage());
    }
  }

  private static ServiceSpec spec(ObjectNode o, String label) {
    String inside = string(o, "label");
    if (!inside.equals(label)) {
      throw new IllegalArgumentException("its label \"" + inside + "\" is not its file name's \"" + label + "\"");
    }
    JsonNode argvNode = o.get("argv");
    if (argvNode == null || !argvNode.isArray() || argvNode.isEmpty()) {
      throw new IllegalArgumentException("\"argv\" must be a non-empty array of strings");
    }
    List<String> argv = new ArrayList<>();
    for (JsonNode a : argvNode) {
      if (!a.isString()) {
        throw new IllegalArgumentException("\"argv\" must be a non-empty array of strings");
      }
      argv.add(a.asString());
    }
    JsonNode envNode = o.get("env");
    if (envNode == null || !envNode.isObject()) {
      throw new IllegalArgumentException("\"env\" must be an object of strings");
    }
    Map<String, String> env = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : envNode.properties()) {
      if (!e.getValue().isString()) {
        throw new IllegalArgumentException("\"env\" must be an object of strings");
      }
      env.put(e.getKey(), e.getValue().asString());
    }
    JsonNode throttle = o.get("throttleSecs");
    if (throttle == null || !throttle.isIntegralNumber() || throttle.asLong() < 0) {
      throw new IllegalArgumentException("\"throttleSecs\" must be a whole number of seconds");
    }
    JsonNode description = o.get("description");
    return new ServiceSpec(
        label,
        description != null && description.isString() ? description.asString() : "",
        argv,
        Path.of(string(o, "workingDir")),
        ServiceSpec.sorted(env),
        Path.of(string(o, "stdout")),
        Path.of(string(o, "stderr")),
        Duration.ofSeconds(throttle.asLong()),
        o.has("daemon") && bool(o, "daemon"));
  }

  private static String string(ObjectNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isString() || v.asString().isEmpty()) {
      throw new IllegalArgumentException("\"" + key + "\" must be a non-empty string");
    }
    return v.asString();
  }

  private static boolean bool(ObjectNode o, String key) {
    JsonNode v = o.get(key);
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException("\"" + key + "\" must be true or false");
    }
    return v.asBoolean();
  }
}
