package io.iapeer.host.fakeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.iapeer.host.fakeagent.KeyReader.Key;
import io.iapeer.host.fakeagent.KeyReader.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The byte-level key grammar of 03 §11 F3, without a terminal. */
class KeyReaderTest {
  private static List<Key> keys(String input) {
    List<Key> keys = new CopyOnWriteArrayList<>();
    new KeyReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), keys::add).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> !keys.isEmpty() && keys.getLast().kind() == Kind.EOF);
    return keys.subList(0, keys.size() - 1);
  }

  private static Key key(Kind kind) {
    return Key.of(kind);
  }

  @Test
  void arrowsInBothEncodingsSubmitBackspaceAndCtrlD() {
    assertThat(keys("\u001b[B\u001bOB\u001b[A\u001bOA\r\u007f\u0004"))
        .containsExactly(key(Kind.DOWN), key(Kind.DOWN), key(Kind.UP), key(Kind.UP), key(Kind.SUBMIT),
            key(Kind.BACKSPACE), key(Kind.CTRL_D));
  }

  @Test
  void aBracketedPasteIsOneKeyWithItsLineBreaksAsNewlines() {
    assertThat(keys("\u001b[200~a\rb\r\nc ]]> é😀\u001b[201~\r"))
        .containsExactly(new Key(Kind.PASTE, "a\nb\nc ]]> é😀"), key(Kind.SUBMIT));
  }

  @Test
  void typedCharactersAreDecodedAsUtf8AndCtrlJIsANewline() {
    assertThat(keys("é😀\n"))
        .containsExactly(new Key(Kind.TEXT, "é"), new Key(Kind.TEXT, "😀"), new Key(Kind.TEXT, "\n"));
  }

  @Test
  void aLoneEscapeAndADoubleEscapeAreEscapesButOtherSequencesAreIgnored() {
    assertThat(keys("\u001b\u001b[C\u001bxa\u001b"))
        .containsExactly(key(Kind.ESCAPE), new Key(Kind.TEXT, "a"), key(Kind.ESCAPE));
  }
}
