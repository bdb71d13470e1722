package io.iapeer.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The cursor-verified menu as a property: following its one key per look reaches the wanted row
 * and confirms it, from any start, numbered or not — and never confirms another row.
 */
class MenuProperties {
  private static final Pattern WANTED = Pattern.compile("Yes, I accept");

  /** A menu of {@code size} rows with the wanted one at {@code wanted}, drawn as Claude does. */
  private static String draw(int size, int wanted, int cursor, boolean numbered) {
    List<String> lines = new ArrayList<>(List.of(" WARNING: Claude Code running in Bypass Permissions mode", ""));
    for (int i = 0; i < size; i++) {
      String label = i == wanted ? "Yes, I accept" : "No, option " + i;
      String number = numbered ? (i + 1) + ". " : "";
      lines.add((i == cursor ? " ❯ " : "   ") + number + label);
    }
    lines.add("");
    lines.add(" Enter to confirm · Esc to cancel");
    return String.join("\n", lines) + "\n";
  }

  @Test
  void followingTheKeysConfirmsTheWantedRowAndOnlyIt() {
    qt().withExamples(500)
        .forAll(integers().between(1, 6), integers().between(0, 5), integers().between(0, 5), booleans().all())
        .checkAssert((size, w, start, numbered) -> {
          int wanted = w % size;
          int cursor = start % size;
          for (int look = 0; look <= size; look++) {
            Optional<String> key = Menu.step(draw(size, wanted, cursor, numbered), WANTED);
            assertThat(key).isPresent();
            if (key.get().equals("Enter")) {
              assertThat(cursor).isEqualTo(wanted);
              return;
            }
            cursor += key.get().equals("Down") ? 1 : -1;
          }
          throw new AssertionError("no Enter after " + size + " looks");
        });
  }

  @Test
  void aSwallowedKeyIsSentAgainOnTheNextLook() {
    qt().forAll(integers().between(0, 3))
        .checkAssert(cursor -> {
          String screen = draw(5, 4, cursor, false);
          assertThat(Menu.step(screen, WANTED)).contains("Down");
          assertThat(Menu.step(screen, WANTED)).contains("Down");
        });
  }

  @Test
  void withoutACursorOrWithoutTheWantedRowNothingIsTyped() {
    qt().forAll(integers().between(1, 6), booleans().all())
        .checkAssert((size, numbered) -> {
          assertThat(Menu.step(draw(size, 0, -1, numbered), WANTED)).isEmpty();
          assertThat(Menu.step(draw(size, -1, 0, numbered), WANTED)).isEmpty();
        });
  }
}
