package io.iapeer.host.prompt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Which files the file-sourced layers take, in which order, with what text (03 §8.3, §8.5). */
final class PromptFiles {
  private static final String DOCTRINE = "IAPEER.md";

  private PromptFiles() {}

  /** Layer 5 candidates, and the base of Layer 4's: the name ends in {@code .md}, any case. */
  static boolean isMarkdown(String name) {
    return name.regionMatches(true, name.length() - 3, ".md", 0, 3);
  }

  /** Layer 4 candidates: markdown other than the doctrine, which is Layer 2 (any case, §8.5). */
  static boolean isDomain(String name) {
    return isMarkdown(name) && !name.equalsIgnoreCase(DOCTRINE);
  }

  /**
   * For each candidate name in either directory, in code-unit order: the global file, then the
   * local one. A side without that file reads as absent in {@link #content}.
   */
  static List<Path> paired(Path globalDir, Path localDir, Predicate<String> candidate) {
    SortedSet<String> names = new TreeSet<>(names(globalDir, candidate));
    names.addAll(names(localDir, candidate));
    List<Path> files = new ArrayList<>();
    for (String name : names) {
      files.add(globalDir.resolve(name));
      files.add(localDir.resolve(name));
    }
    return files;
  }

  /**
   * The file's text without trailing newlines; empty when the file is absent, not a regular file,
   * gone since it was listed, or only newlines (a presence marker, §8.5). Any other read failure
   * is thrown: a prompt silently missing its doctrine is worse than a bring-up that says why.
   */
  static Optional<String> content(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    String text = SystemPrompt.stripTrailingNewlines(new String(bytes, StandardCharsets.UTF_8));
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Regular files directly in {@code dir} (no recursion) whose name passes {@code candidate}. */
  private static List<String> names(Path dir, Predicate<String> candidate) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (candidate.test(name) && Files.isRegularFile(entry)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    } catch (IOException e) {
      throw unreadable(dir, e);
    }
    return names;
  }

  private static UncheckedIOException unreadable(Path path, IOException e) {
    // An AccessDeniedException's message is only the path again.
    String why = e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
    return new UncheckedIOException("cannot read " + path + " for the system prompt: " + why, e);
  }
}
