package io.iapeer.host.fakeagent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the composer holds and shows (03 §11 F6). */
class ComposerTest {
  @Test
  void claudeShowsAMultiLinePasteAsAChipThatBackspaceRemovesWhole() {
    Composer c = new Composer(true);
    c.type("see: ");
    c.paste("one\ntwo\nthree");
    c.paste("single line");
    assertThat(c.display()).containsExactly("see: [Pasted text #1 +2 lines]single line");
    assertThat(c.content()).isEqualTo("see: one\ntwo\nthreesingle line");
    "single line".chars().forEach(x -> c.backspace());
    c.backspace();
    assertThat(c.content()).isEqualTo("see: ");
  }

  @Test
  void codexShowsTheLastLineOfAPaste() {
    Composer c = new Composer(false);
    c.paste("<iap>\nbody\n</iap>\n");
    assertThat(c.display()).containsExactly("</iap>");
    assertThat(c.content()).isEqualTo("<iap>\nbody\n</iap>\n");
  }

  @Test
  void typedNewlinesContinueOnTheNextRowAndBackspaceTakesWholeCodePoints() {
    Composer c = new Composer(true);
    c.type("a");
    c.type("\n");
    c.type("b😀");
    assertThat(c.display()).containsExactly("a", "b😀");
    c.backspace();
    assertThat(c.content()).isEqualTo("a\nb");
    c.clear();
    assertThat(c.isEmpty()).isTrue();
  }
}
