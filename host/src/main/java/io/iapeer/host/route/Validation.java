package io.iapeer.host.route;

import io.iapeer.core.envelope.EnvelopeLimits;
import io.iapeer.core.peer.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The checks a send passes before anything is looked up (02 §7.7 #1–#8), in the spec's order with
 * its exact texts: the first failure wins. Pure, except {@link #attachmentFiles}, which looks at
 * the disk and runs after the registry checks.
 */
public final class Validation {
  private Validation() {}

  /** The first failing check of 02 §7.7 #1–#8, or empty when the request passes them all. */
  public static Optional<String> check(SendRequest r) {
    List<String> att = r.attachments();
    if (att.size() > EnvelopeLimits.MAX_ATTACHMENTS) {
      return fail("attachments exceeds " + EnvelopeLimits.MAX_ATTACHMENTS + " item limit");
    }
    if (att.stream().anyMatch(a -> !a.startsWith("/"))) {
      return fail("attachments must contain only absolute local paths");
    }
    if (att.stream().anyMatch(a -> a.indexOf('\r') >= 0 || a.indexOf('\n') >= 0)) {
      return fail("attachment paths must not contain newline characters");
    }
    if (r.personality().isEmpty() || r.message().isEmpty()) {
      return fail("send_to_peer requires non-empty \"personality\" and \"message\"");
    }
    if (!Names.isPersonality(r.personality())) {
      return fail(
          "invalid personality \"" + r.personality() + "\" — must match /" + Names.PERSONALITY_REGEX + "/");
    }
    if (r.runtime().isPresent() && !Names.isRuntime(r.runtime().get())) {
      return fail("invalid runtime \"" + r.runtime().get() + "\"");
    }
    int topic = r.topic().map(String::length).orElse(0);
    if (topic > EnvelopeLimits.MAX_TOPIC_LEN) {
      return fail("topic exceeds " + EnvelopeLimits.MAX_TOPIC_LEN + " char limit (got " + topic + ")");
    }
    if (r.message().length() > EnvelopeLimits.MAX_MESSAGE_LEN) {
      return fail(
          "message exceeds " + EnvelopeLimits.MAX_MESSAGE_LEN + " char limit (got " + r.message().length() + ")");
    }
    return Optional.empty();
  }

  /** 02 §7.7 #9. */
  public static String notInIndex(String personality) {
    return "peer \"" + personality + "\" is not in the iapeer peers index; message NOT delivered";
  }

  /**
   * Each attachment must be a readable regular file (symlinks followed), so the recipient is never
   * handed a path that does not open. Runs after 02 §7.7 #10 so that every check of the spec keeps
   * its place and text; the CLI has made relative paths absolute before this.
   */
  public static Optional<String> attachmentFiles(List<String> attachments) {
    for (int i = 0; i < attachments.size(); i++) {
      Path p = Path.of(attachments.get(i));
      String head = "attachment " + (i + 1) + " \"" + attachments.get(i) + "\" ";
      if (!Files.exists(p)) {
        return fail(head + "does not exist; message NOT delivered");
      }
      if (!Files.isRegularFile(p)) {
        return fail(head + "is not a regular file; message NOT delivered");
      }
      if (!Files.isReadable(p)) {
        return fail(head + "is not readable; message NOT delivered");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> fail(String text) {
    return Optional.of(text);
  }
}
