package io.iapeer.host.cli;

import io.iapeer.core.registry.PeerRecord;
import io.iapeer.core.registry.Registry;
import io.iapeer.core.registry.UpsertRequest;
import io.iapeer.core.settings.Env;
import io.iapeer.core.storage.Json;
import io.iapeer.host.testing.Sandbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What the CLI tests share: parsing without running, disk snapshots, registry and profile peeks. */
final class Fixtures {
  private Fixtures() {}

  /**
   * Parses {@code args} as the CLI would and returns the verb's command object with its options
   * filled in, without running it. Throws picocli's {@link CommandLine.ParameterException} on a
   * parse error.
   */
  static <T> T parse(Class<T> type, String... args) {
    CommandLine.ParseResult parsed = commandLine().parseArgs(args);
    return type.cast(parsed.subcommand().commandSpec().userObject());
  }

  /** The CLI's command tree with every verb, over an empty environment: for parsing and usage only. */
  static CommandLine commandLine() {
    Context ctx =
        new Context(
            new Env(Map.of()),
            Path.of("/nonexistent-cwd"),
            new BufferedReader(new StringReader("")),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false);
    return Cli.commandLine(ctx, null);
  }

  /**
   * Every path under {@code base} (directories too) with its kind, size and content hash: two equal
   * snapshots mean nothing on disk was created, deleted or changed.
   */
  static Map<String, String> snapshot(Path base) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(base)) {
      for (Path p : walk.toList()) {
        String rel = base.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(rel, "link -> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(rel, "dir");
        } else {
          byte[] bytes = Files.readAllBytes(p);
          out.put(rel, "file " + bytes.length + " " + sha256(bytes));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Output split into lines, without the terminators. */
  static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(t.split("\n", -1));
  }

  static Registry registry(Sandbox sb) {
    return new Registry(sb.layout(), w -> {});
  }

  static Optional<PeerRecord> record(Sandbox sb, String personality) {
    return registry(sb).read().find(personality);
  }

  static List<PeerRecord> records(Sandbox sb) {
    return registry(sb).read().peers();
  }

  static ObjectNode profile(Path cwd) {
    return (ObjectNode) json(cwd.resolve(".iapeer/peer-profile.json"));
  }

  static JsonNode json(Path file) {
    try {
      return Json.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A peer this build cannot provision (an infra runtime), seeded the way an older build or another
   * tool would have left it: a local profile and its registry record.
   */
  static Path seedPeer(Sandbox sb, String personality, String runtime, String intelligence) {
    Path cwd = Sandbox.mkdirs(sb.base.resolve("seeded").resolve(personality));
    write(
        cwd.resolve(".iapeer/peer-profile.json"),
        """
        {
          "personality": "%s",
          "default_runtime": "%s",
          "runtimes": ["%s"],
          "description": "",
          "intelligence": "%s"
        }
        """
            .formatted(personality, runtime, runtime, intelligence));
    registry(sb)
        .upsert(
            UpsertRequest.of(personality, runtime, cwd)
                .withRuntimes(List.of(runtime))
                .withIntelligence(intelligence));
    return cwd;
  }
}
