package io.iapeer.core.envelope;

/** Protocol constants (02 §0.3); lengths count UTF-16 code units ({@code String.length()}). */
public final class EnvelopeLimits {
  public static final int MAX_MESSAGE_LEN = 16000;
  public static final int MAX_TOPIC_LEN = 200;
  public static final int MAX_ATTACHMENTS = 20;

  /** The streaming extractor's cap on {@code <iap …>} (02 §3.1). */
  public static final int MAX_OPEN_TAG = 1024;

  private EnvelopeLimits() {}
}
