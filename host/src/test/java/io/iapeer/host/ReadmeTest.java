package io.iapeer.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.iapeer.core.settings.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README is part of the product: its settings table must list every knob as the code has it. */
class ReadmeTest {
  static String readme() throws IOException {
    return Files.readString(Path.of("..", "README.md"));
  }

  @Test
  void everySettingHasItsRowWithDefaultAndDoc() throws IOException {
    String readme = readme();
    for (Setting s : Setting.values()) {
      assertThat(readme).contains("| `" + s.name() + "` | " + s.defaultText() + " | " + s.doc() + " |");
    }
  }

  @Test
  void theSettingsTableListsNothingTheCodeDoesNotHave() throws IOException {
    long rows = readme().lines().filter(l -> l.startsWith("| `") && l.matches("\\| `[A-Z_]+` \\|.*")).count();
    assertThat(rows).isEqualTo(Setting.values().length);
  }

  @Test
  void theReadmeNamesTheTwoSetUpCommands() throws IOException {
    assertThat(readme()).contains("./install.sh").contains("./test.sh");
  }
}
