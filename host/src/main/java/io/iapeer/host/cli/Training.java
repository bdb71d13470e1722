package io.iapeer.host.cli;

import io.iapeer.core.settings.Env;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A training run for the class-data-sharing archive the launcher keeps: the common verbs against
 * a throwaway root, so the archive holds the classes they load and later calls start faster. It
 * touches nothing outside its own temp folder.
 */
public final class Training {
  private Training() {}

  public static void main(String[] args) throws IOException {
    Path tmp = Files.createTempDirectory("iapeer-training");
    try {
      Path peerDir = Files.createDirectories(tmp.resolve("work/training-b"));
      Env env =
          Env.of(
              "HOME", tmp.toString(),
              "IAPEER_ROOT", tmp.resolve("root").toString(),
              "IAPEER_CLAUDE_BIN", "claude",
              "IAPEER_CODEX_BIN", "codex",
              "PATH", "");
      PrintWriter sink = new PrintWriter(Writer.nullWriter());
      Context ctx = new Context(env, tmp, new BufferedReader(new StringReader("")), sink, sink, false);
      String[][] verbs = {
        {"version"},
        {"--help"},
        {"create", "--help"},
        {"create", "training-a", "--runtime", "claude", "--description", "training"},
        {"init", peerDir.toString(), "--runtime", "codex"},
        {"list"},
        {"list", "--json"},
        {"verify"},
        {"verify", "--json", "--fix"},
        {"default-runtime", "codex", "--peer", "training-a"},
        {"add-runtime", "codex", "--all"},
        {"remove", "training-a"},
        {"create", "bad name!"},
      };
      for (String[] v : verbs) {
        Cli.run(v, ctx);
      }
    } finally {
      deleteTree(tmp);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
