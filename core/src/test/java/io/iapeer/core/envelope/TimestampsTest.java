package io.iapeer.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** 02 §6: the envelope, log and agent-render timestamp forms. */
class TimestampsTest {
  static final Instant SENT = Instant.parse("2026-03-02T08:15:07.412Z");

  @Test
  void theSendInstantIsLocalWithANumericOffsetToTheSecond() {
    assertThat(Timestamps.formatSentAt(SENT, ZoneOffset.ofHours(1)))
        .isEqualTo("2026-03-02T09:15:07+01:00");
    assertThat(Timestamps.formatSentAt(SENT, ZoneId.of("America/New_York")))
        .isEqualTo("2026-03-02T03:15:07-05:00");
  }

  @Test
  void utcIsWrittenAsPlusZeroNeverZ() {
    assertThat(Timestamps.formatSentAt(SENT, ZoneOffset.UTC))
        .isEqualTo("2026-03-02T08:15:07+00:00");
    assertThat(Timestamps.formatSentAt(SENT, ZoneId.of("Europe/London")))
        .isEqualTo("2026-03-02T08:15:07+00:00");
  }

  @Test
  void logTimestampsAreUtcWithMillisecondsAndZ() {
    assertThat(Timestamps.formatLog(SENT)).isEqualTo("2026-03-02T08:15:07.412Z");
    assertThat(Timestamps.formatLog(Instant.parse("2026-03-02T08:15:07Z")))
        .isEqualTo("2026-03-02T08:15:07.000Z");
  }

  @Test
  void parseAcceptsOffsetsAndZButNotGarbageOrLocalTimes() {
    assertThat(Timestamps.parse("2026-03-02T09:15:07+01:00"))
        .map(OffsetDateTime::toInstant)
        .contains(SENT.minusMillis(412));
    assertThat(Timestamps.parse("2026-03-02T08:15:07.412Z"))
        .map(OffsetDateTime::toInstant)
        .contains(SENT);
    assertThat(Timestamps.parse("yesterday")).isEmpty();
    assertThat(Timestamps.parse("2026-03-02T09:15:07")).isEmpty();
  }

  @Test
  void theAgentFormIsTheTimeAloneOnTheSameLocalDay() {
    OffsetDateTime t = OffsetDateTime.parse("2026-03-02T09:15:07+01:00");
    ZonedDateTime now = ZonedDateTime.parse("2026-03-02T23:59:00+01:00");

    assertThat(Timestamps.formatForAgent(t, now)).isEqualTo("09:15:07");
  }

  @Test
  void theAgentFormCarriesTheDateOnAnotherDayAndUsesTheZoneOfNow() {
    OffsetDateTime t = OffsetDateTime.parse("2026-03-02T09:15:07+01:00");

    assertThat(Timestamps.formatForAgent(t, ZonedDateTime.parse("2026-03-03T00:00:01+01:00")))
        .isEqualTo("2026-03-02 09:15:07");
    // 08:15 UTC is still 2 March in Tokyo (17:15), so the day matches there.
    assertThat(
            Timestamps.formatForAgent(
                t, ZonedDateTime.of(2026, 3, 2, 20, 0, 0, 0, ZoneId.of("Asia/Tokyo"))))
        .isEqualTo("17:15:07");
  }
}
