package io.iapeer.host.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One start-up dialog: how it is recognised on the screen (plain substring search, 03 §3.2) and how
 * it is answered. A runtime's dialogs form an ordered table; the first one shown wins.
 */
record Dialog(String name, Predicate<String> shown, Function<String, BootDialog> answer) {

  /** Shown when the screen contains any of {@code markers}. */
  static Predicate<String> anyOf(String... markers) {
    return screen -> Arrays.stream(markers).anyMatch(screen::contains);
  }

  /** Shown when the screen contains every one of {@code markers}. */
  static Predicate<String> allOf(String... markers) {
    return screen -> Arrays.stream(markers).allMatch(screen::contains);
  }

  static Function<String, BootDialog> keys(String name, String... keys) {
    List<String> list = List.of(keys);
    return screen -> new BootDialog.Keys(name, list);
  }

  /** The answer of the first dialog of {@code table} that is shown, else none. */
  static BootDialog answer(List<Dialog> table, String screen) {
    return table.stream()
        .filter(d -> d.shown().test(screen))
        .findFirst()
        .map(d -> d.answer().apply(screen))
        .orElse(BootDialog.NONE);
  }

  static boolean anyShown(List<Dialog> table, String screen) {
    return table.stream().anyMatch(d -> d.shown().test(screen));
  }
}
