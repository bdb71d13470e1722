package io.iapeer.host.route;

import io.iapeer.core.registry.PeerRecord;
import tools.jackson.databind.JsonNode;

/**
 * "Only with your own bot" (02 §9.6): a sender writes into the {@code telegram} runtime only when
 * its own registry record binds a Telegram bot. A {@code user_id} alone names a receiving human,
 * not a sending bot, and the early {@code bot} key is no longer read.
 */
public final class TelegramGuard {
  static final String TELEGRAM = "telegram";
  static final String KEY = "bot_username";

  private TelegramGuard() {}

  /** {@code interfaces.telegram} is an object whose {@code bot_username} is a non-blank string. */
  public static boolean hasBot(PeerRecord sender) {
    JsonNode telegram = sender.interfaces().map(i -> i.get(TELEGRAM)).orElse(null);
    if (telegram == null || !telegram.isObject()) {
      return false;
    }
    JsonNode bot = telegram.get(KEY);
    return bot != null && bot.isString() && !bot.stringValue().isBlank();
  }

  /** Whether {@code sender} may write into {@code channel}: any channel but telegram, or a bot. */
  public static boolean allows(String channel, PeerRecord sender) {
    return !TELEGRAM.equals(channel) || hasBot(sender);
  }

  /** The refusal text of 02 §9.6, with the later key. */
  public static String refusal(String sender, String target) {
    return "telegram policy: sender \"" + sender + "\" has no telegram face (no interfaces.telegram." + KEY
        + " in its passport) — message to \"" + target + "\" NOT delivered; route via a peer that has a"
        + " telegram bot in its passport, or provision a bot for this sender";
  }
}
