package io.devhealth.sync.metrics;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which days of an organization's daily tables a computation rewrites, as ClickHouse query parameters: the days a
 * sync run touched (found by the run's {@code version} in the source tables), a range of days, or every day.
 *
 * @param version the run's version, 0 when not a run's days
 * @param from    first day of a range (in the organization's zone), null when not a range
 * @param to      last day of a range, included
 * @param all     every day of the organization
 */
record DaySelection(long version, LocalDate from, LocalDate to, boolean all) {

    /** Before every day ClickHouse's Date holds: with it as from and {@link #NEVER_TO} as to, BETWEEN is empty. */
    private static final LocalDate NEVER_FROM = LocalDate.of(2149, 6, 6);
    private static final LocalDate NEVER_TO = LocalDate.EPOCH;

    static DaySelection run(long version) {
        return new DaySelection(version, null, null, false);
    }

    static DaySelection range(LocalDate from, LocalDate to) {
        return new DaySelection(0, from, to, false);
    }

    static DaySelection everyDay() {
        return new DaySelection(0, null, null, true);
    }

    /**
     * SQL: whether {@code dayExpression} is a selected day; {@code touchedDays} is a subquery of the run's days
     * (filtered by {@code {version:UInt64}}).
     */
    static String predicate(String dayExpression, String touchedDays) {
        return "({all:UInt8} = 1 OR " + dayExpression + " BETWEEN {from:Date} AND {to:Date}"
                + " OR ({version:UInt64} != 0 AND " + dayExpression + " IN (" + touchedDays + ")))";
    }

    /** The parameters of {@link #predicate}, with the organization, its zone and the computation's version. */
    Map<String, Object> params(UUID orgId, OrgTimeZone zone, long computed) {
        Map<String, Object> params = new HashMap<>();
        params.put("org", orgId.toString());
        params.put("tz", zone.id());
        params.put("computed", Long.toString(computed));
        params.put("version", Long.toString(version));
        params.put("all", all ? "1" : "0");
        params.put("from", (from == null ? NEVER_FROM : from).toString());
        params.put("to", (to == null ? NEVER_TO : to).toString());
        return params;
    }
}
