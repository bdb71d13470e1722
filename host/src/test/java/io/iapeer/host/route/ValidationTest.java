package io.iapeer.host.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 02 §7.7 #1–#8: the order of the checks and each exact text. */
class ValidationTest {
  @TempDir Path tmp;

  private static SendRequest req(String personality, String runtime, String message, String topic, List<String> att) {
    return new SendRequest(
        personality, Optional.ofNullable(runtime), message, Optional.ofNullable(topic), att, "mcp");
  }

  private static Optional<String> check(String personality, String runtime, String message, String topic,
      List<String> att) {
    return Validation.check(req(personality, runtime, message, topic, att));
  }

  @Test
  void aGoodRequestPasses() {
    assertThat(check("ops-desk", "telegram", "hi", "a topic", List.of("/tmp/a"))).isEmpty();
    assertThat(check("b", null, "x", null, List.of())).isEmpty();
  }

  @Test
  void moreThanTwentyAttachmentsIsTheFirstCheck() {
    List<String> many = Collections.nCopies(21, "relative\n");
    assertThat(check("", "Bad", "", "t".repeat(300), many)).contains("attachments exceeds 20 item limit");
    assertThat(check("a", null, "m", null, Collections.nCopies(20, "/x"))).isEmpty();
  }

  @Test
  void aRelativeOrEmptyAttachmentComesNext() {
    assertThat(check("", null, "", null, List.of("/ok", "rel\npath")))
        .contains("attachments must contain only absolute local paths");
    // a non-string element arrives as "" (SendRequest): it fails the same check
    assertThat(check("a", null, "m", null, List.of(""))).contains("attachments must contain only absolute local paths");
  }

  @Test
  void aNewlineInAnAttachmentPathThen() {
    assertThat(check("", null, "", null, List.of("/a\rb"))).contains("attachment paths must not contain newline characters");
    assertThat(check("", null, "", null, List.of("/a\nb"))).contains("attachment paths must not contain newline characters");
  }

  @Test
  void anEmptyPersonalityOrMessage() {
    String text = "send_to_peer requires non-empty \"personality\" and \"message\"";
    assertThat(check("", "Bad", "m", null, List.of())).contains(text);
    assertThat(check("Bad Name", null, "", null, List.of())).contains(text);
    // a message of spaces is not empty
    assertThat(check("a", null, "  ", null, List.of())).isEmpty();
  }

  @Test
  void anInvalidPersonalityNamesItAndTheRule() {
    assertThat(check("Boris", "Bad", "m", "t".repeat(300), List.of()))
        .contains("invalid personality \"Boris\" — must match /^[a-z][a-z0-9-]{0,31}$/");
    assertThat(check("a".repeat(33), null, "m", null, List.of())).get().asString().startsWith("invalid personality");
  }

  @Test
  void anInvalidRuntime() {
    assertThat(check("boris", "Claude", "m", "t".repeat(300), List.of())).contains("invalid runtime \"Claude\"");
    assertThat(check("boris", "tele-gram", "m", null, List.of())).contains("invalid runtime \"tele-gram\"");
  }

  @Test
  void aTopicOverTwoHundredCharacters() {
    assertThat(check("boris", null, "m".repeat(16001), "t".repeat(201), List.of()))
        .contains("topic exceeds 200 char limit (got 201)");
    assertThat(check("boris", null, "m", "t".repeat(200), List.of())).isEmpty();
    // whitespace only passes here; the encoder drops it
    assertThat(check("boris", null, "m", "   ", List.of())).isEmpty();
  }

  @Test
  void aMessageOverSixteenThousandCharacters() {
    assertThat(check("boris", null, "m".repeat(16001), null, List.of()))
        .contains("message exceeds 16000 char limit (got 16001)");
    assertThat(check("boris", null, "m".repeat(16000), null, List.of())).isEmpty();
    // UTF-16 code units: one emoji is two
    assertThat(check("boris", null, "😀".repeat(8001), null, List.of()))
        .contains("message exceeds 16000 char limit (got 16002)");
  }

  @Test
  void theNotInIndexText() {
    assertThat(Validation.notInIndex("ghost")).isEqualTo("peer \"ghost\" is not in the iapeer peers index; message NOT delivered");
  }

  @Test
  void attachmentsMustBeReadableRegularFiles() throws Exception {
    Path file = Files.writeString(tmp.resolve("a.txt"), "x");
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
    assertThat(Validation.attachmentFiles(List.of(file.toString(), link.toString()))).isEmpty();
    assertThat(Validation.attachmentFiles(List.of(file.toString(), tmp.resolve("gone").toString())))
        .contains("attachment 2 \"" + tmp.resolve("gone") + "\" does not exist; message NOT delivered");
    assertThat(Validation.attachmentFiles(List.of(dir.toString())))
        .contains("attachment 1 \"" + dir + "\" is not a regular file; message NOT delivered");
  }
}
