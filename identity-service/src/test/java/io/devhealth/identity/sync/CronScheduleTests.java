package io.devhealth.identity.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.devhealth.support.problem.ProblemException;

class CronScheduleTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void fireTimesFollowTheZonesWallClockAcrossDaylightSavingChanges() {
        CronSchedule daily = CronSchedule.parse("  0   3 * * * ", "Europe/Berlin", "schedule");
        assertThat(daily.cron()).isEqualTo("0 3 * * *");

        // 2026-03-29: clocks go from 02:00 to 03:00 in Berlin (UTC+1 → UTC+2).
        Instant before = LocalDateTime.parse("2026-03-28T12:00").atZone(BERLIN).toInstant();
        Instant first = daily.nextAfter(before);
        Instant second = daily.nextAfter(first);
        assertThat(first).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(second).isEqualTo(Instant.parse("2026-03-30T01:00:00Z"));
        assertThat(daily.nextAfter(Instant.parse("2026-07-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
    }

    @Test
    void everySixHoursIsAtWholeHoursOfTheZone() {
        CronSchedule schedule = CronSchedule.parse("0 */6 * * *", "Asia/Kolkata", "schedule");
        Instant next = schedule.nextAfter(Instant.parse("2026-01-01T00:00:00Z"));
        // 05:30 local → the next multiple of six hours is 06:00 local = 00:30 UTC.
        assertThat(next).isEqualTo(Instant.parse("2026-01-01T00:30:00Z"));
    }

    @Test
    void invalidExpressionsAndZonesNameTheirField() {
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * *", "UTC", "schedule"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).violations().getFirst().field())
                        .isEqualTo("schedule.cron"));
        assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *", "UTC", "schedule"))
                .isInstanceOf(ProblemException.class).hasMessageContaining("never fires");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * *", "CET+1", "schedule"))
                .isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).violations().getFirst().field())
                        .isEqualTo("schedule.timeZone"));
    }
}
