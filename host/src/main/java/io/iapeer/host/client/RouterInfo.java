package io.iapeer.host.client;

import io.iapeer.core.storage.AtomicFiles;
import io.iapeer.core.storage.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery file {@code router.json} (02 §8.5, 06 D7): where the running daemon listens, its
 * version and pid. A listener that is not bound is absent; readers ignore keys they do not know.
 */
public record RouterInfo(Optional<Path> sock, Optional<String> tcp, String version, long pid) {

  /** Written after every listener is bound, atomically, one JSON object and a newline. */
  public void write(Path file) {
    ObjectNode o = Json.object();
    sock.ifPresentOrElse(s -> o.put("sock", s.toString()), () -> o.putNull("sock"));
    tcp.ifPresentOrElse(t -> o.put("tcp", t), () -> o.putNull("tcp"));
    o.put("version", version);
    o.put("pid", pid);
    AtomicFiles.write(file, Json.compact(o) + "\n");
  }

  /** What the file says, if it exists and parses; a corrupt file reads as no daemon having said. */
  public static Optional<RouterInfo> read(Path file) {
    try {
      JsonNode o = Json.parse(Files.readString(file));
      return Optional.of(
          new RouterInfo(
              text(o, "sock").map(Path::of),
              text(o, "tcp"),
              text(o, "version").orElse("unknown"),
              o.path("pid").canConvertToLong() ? o.path("pid").asLong() : 0));
    } catch (IOException | JacksonException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode o, String key) {
    JsonNode v = o.path(key);
    return v.isString() && !v.stringValue().isBlank() ? Optional.of(v.stringValue()) : Optional.empty();
  }
}
