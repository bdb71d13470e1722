package io.iapeer.core.envelope;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The timestamp formats of 02 §6. */
public final class Timestamps {
  /** {@code xxx} prints {@code +00:00} for UTC, never {@code Z}. */
  private static final DateTimeFormatter SENT_AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

  private static final DateTimeFormatter LOG =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SAME_DAY = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter OTHER_DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private Timestamps() {}

  /** [L] The envelope's and the send result's {@code ts}: {@code 2026-03-02T09:15:07+01:00}. */
  public static String formatSentAt(Instant t, ZoneId zone) {
    return SENT_AT.format(t.atZone(zone));
  }

  /** Log lines and the [E] send result: {@code 2026-03-02T08:15:07.412Z}. */
  public static String formatLog(Instant t) {
    return LOG.format(t);
  }

  /** An ISO-8601 date-time with offset or {@code Z}; empty when it is anything else. */
  public static Optional<OffsetDateTime> parse(String ts) {
    try {
      return Optional.of(OffsetDateTime.parse(ts));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** [L] The render's form (02 §4.3): {@code HH:MM:SS} on the day of {@code now}, else dated. */
  public static String formatForAgent(OffsetDateTime t, ZonedDateTime now) {
    ZonedDateTime local = t.atZoneSameInstant(now.getZone());
    boolean sameDay = local.toLocalDate().equals(now.toLocalDate());
    return (sameDay ? SAME_DAY : OTHER_DAY).format(local);
  }
}
