package io.iapeer.core.registry;

import io.iapeer.core.profile.PeerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A local profile seen as a registry record, and how a record drifted from it (01 §15.1–§15.2). */
public final class Projection {
  private Projection() {}

  /**
   * The record {@code profile} projects to, at the registry's cwd pointer. The record's stored raw
   * intelligence word survives while it still means the profile's nature; else the profile's own.
   */
  public static PeerRecord of(PeerProfile profile, PeerRecord registered) {
    Optional<String> raw =
        registered.intelligenceRaw().filter(r -> registered.intelligence() == profile.intelligence())
            .or(profile::intelligenceRaw);
    return new PeerRecord(
        profile.personality(),
        profile.defaultRuntime(),
        profile.runtimes(),
        profile.description(),
        profile.intelligence(),
        raw,
        registered.cwd(),
        profile.interfaces());
  }

  /** The fields in which {@code record} differs from {@code projected}, in the spec's order; cwd never counts. */
  public static List<String> drift(PeerRecord record, PeerRecord projected) {
    List<String> fields = new ArrayList<>();
    if (!record.personality().equals(projected.personality())) {
      fields.add("personality");
    }
    if (!record.runtime().equals(projected.runtime())) {
      fields.add("default_runtime");
    }
    if (!record.runtimes().equals(projected.runtimes())) {
      fields.add("runtimes");
    }
    if (!record.description().equals(projected.description())) {
      fields.add("description");
    }
    if (record.intelligence() != projected.intelligence()) {
      fields.add("intelligence");
    }
    if (!record.interfaces().map(Projection::canonical).equals(projected.interfaces().map(Projection::canonical))) {
      fields.add("interfaces");
    }
    return fields;
  }

  /** Key order does not count as drift (since 0.4.14): objects compare with sorted keys, arrays in order. */
  static Object canonical(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Map<String, Object> m = new TreeMap<>();
      for (var e : o.properties()) {
        m.put(e.getKey(), canonical(e.getValue()));
      }
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(canonical(x)));
      return l;
    }
    return n;
  }
}
