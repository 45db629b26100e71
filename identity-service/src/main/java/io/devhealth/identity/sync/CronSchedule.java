package io.devhealth.identity.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

import io.devhealth.support.problem.ProblemException;

/**
 * A sync schedule: a Unix cron expression (minute hour day-of-month month day-of-week, e.g. {@code 0 *}{@code /6 * * *})
 * evaluated in an IANA time zone, so "every day at 02:00" follows the zone's daylight-saving changes.
 *
 * @param cron     the expression as stored (white space collapsed)
 * @param timeZone the zone it is evaluated in
 */
public record CronSchedule(String cron, ZoneId timeZone) {

    /** The schema's bound on {@code schedule_cron}. */
    public static final int MAX_CRON_LENGTH = 200;
    // Parsing only reads the parser's field definitions, so one instance serves every thread.
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * Parses a schedule; 422 naming {@code field}{@code .cron} or {@code field}{@code .timeZone} when the expression
     * is not a valid Unix cron expression, never fires, or the zone is not an IANA zone id.
     */
    public static CronSchedule parse(String cron, String timeZone, String field) {
        if (cron == null || cron.isBlank()) {
            throw ProblemException.invalidField(field + ".cron", "required: a Unix cron expression such as 0 */6 * * *");
        }
        String collapsed = cron.strip().replaceAll("\\s+", " ");
        if (collapsed.length() > MAX_CRON_LENGTH) {
            throw ProblemException.invalidField(field + ".cron", "must be at most " + MAX_CRON_LENGTH + " characters");
        }
        try {
            UNIX.parse(collapsed).validate();
        } catch (RuntimeException invalid) {
            throw ProblemException.invalidField(field + ".cron", "must be a Unix cron expression of five fields "
                    + "(minute hour day-of-month month day-of-week), e.g. 0 */6 * * *");
        }
        if (timeZone == null || !ZoneId.getAvailableZoneIds().contains(timeZone)) {
            throw ProblemException.invalidField(field + ".timeZone", "must be an IANA time zone id, e.g. Europe/Berlin");
        }
        CronSchedule schedule = new CronSchedule(collapsed, ZoneId.of(timeZone));
        Instant next;
        try {
            next = schedule.nextAfter(Instant.now());
        } catch (RuntimeException unanswerable) {
            next = null;
        }
        if (next == null) {
            throw ProblemException.invalidField(field + ".cron", "never fires (e.g. 31 February)");
        }
        return schedule;
    }

    /** A schedule as stored (already validated when it was written). */
    public static CronSchedule stored(String cron, String timeZone) {
        return new CronSchedule(cron, ZoneId.of(timeZone));
    }

    /** The first fire time strictly after {@code instant}; null when it never fires again. */
    public Instant nextAfter(Instant instant) {
        return ExecutionTime.forCron(UNIX.parse(cron)).nextExecution(ZonedDateTime.ofInstant(instant, timeZone))
                .map(ZonedDateTime::toInstant)
                .orElse(null);
    }
}
