package io.iapeer.core.registry;

import io.iapeer.core.peer.Names;

/** The registry's bound on a description: 450 UTF-16 code units (01 §1, §14.3). */
public final class Descriptions {
  private Descriptions() {}

  public static boolean exceedsLimit(String description) {
    return description.length() > Names.MAX_DESCRIPTION_LENGTH;
  }

  /**
   * The first 450 code units, one fewer when the cut would split a surrogate pair: a lone
   * surrogate cannot be encoded as UTF-8, so the cut never produces one.
   */
  public static String clamp(String description) {
    if (!exceedsLimit(description)) {
      return description;
    }
    int end = Names.MAX_DESCRIPTION_LENGTH;
    if (Character.isHighSurrogate(description.charAt(end - 1))) {
      end--;
    }
    return description.substring(0, end);
  }
}
