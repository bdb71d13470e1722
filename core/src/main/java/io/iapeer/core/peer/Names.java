package io.iapeer.core.peer;

import io.iapeer.core.IapException;
import java.util.regex.Pattern;

/** The name rules of 01 §1–§2. Full-match semantics only: {@code "alice\n"} is not a name. */
public final class Names {
  public static final String PERSONALITY_REGEX = "^[a-z][a-z0-9-]{0,31}$";
  public static final String RUNTIME_REGEX = "^[a-z][a-z0-9]{0,31}$";
  public static final int MAX_NAME_LENGTH = 32;
  public static final int MAX_DESCRIPTION_LENGTH = 450;

  private static final Pattern PERSONALITY = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern RUNTIME = Pattern.compile("[a-z][a-z0-9]{0,31}");

  private Names() {}

  public static boolean isPersonality(String s) {
    return s != null && PERSONALITY.matcher(s).matches();
  }

  public static boolean isRuntime(String s) {
    return s != null && RUNTIME.matcher(s).matches();
  }

  public static String requireRuntime(String s) {
    if (!isRuntime(s)) {
      throw new IapException("invalid runtime \"" + s + "\" — must match /" + RUNTIME_REGEX + "/");
    }
    return s;
  }

  public static String requirePersonality(String s) {
    if (!isPersonality(s)) {
      throw new IapException("invalid personality \"" + s + "\" — must match /" + PERSONALITY_REGEX + "/");
    }
    return s;
  }
}
