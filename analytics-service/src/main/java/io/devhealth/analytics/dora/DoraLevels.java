package io.devhealth.analytics.dora;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The software delivery performance levels DORA published with its State of DevOps reports, one table per report,
 * named in every answer so a level can be traced to its source.
 *
 * <p>Ranges (deployment frequency, change lead time, failed deployment recovery time) are read from the best
 * level to the worst: a value takes the first level whose range holds it; a value between two published ranges
 * takes the worse level. The change fail rates are the clusters' typical values, not ranges: a rate takes the
 * level whose published rate is nearest (on a tie, the better level). Deployment rework rate has no published
 * levels.
 */
public enum DoraLevels {

    /** Accelerate State of DevOps Report 2024, "Software delivery performance levels". */
    DORA_2024("2024", "DORA Accelerate State of DevOps Report 2024", "https://dora.dev/research/2024/dora-report/",
            new double[] { 0.05, 0.20, 0.10, 0.40 }, new double[] { 1, 24, 24, Double.POSITIVE_INFINITY }),
    /** Accelerate State of DevOps Report 2023, "Software delivery performance levels". */
    DORA_2023("2023", "DORA Accelerate State of DevOps Report 2023", "https://dora.dev/research/2023/dora-report/",
            new double[] { 0.05, 0.10, 0.15, 0.64 }, new double[] { 1, 24, 168, Double.POSITIVE_INFINITY });

    /** The levels, best first. */
    public enum Level {
        ELITE, HIGH, MEDIUM, LOW;

        /** The name in answers: {@code elite}, {@code high}, {@code medium}, {@code low}. */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final double HOURS_PER_DAY = 24;
    /** Both reports: elite "on demand (multiple deploys per day)", high "between once per day and once per week",
     * medium "between once per week and once per month", low "between once per month and once every six months". */
    private static final double[] DEPLOYMENTS_PER_DAY_AT_LEAST = { 1.0, 1.0 / 7, 1.0 / 30, 0 };
    /** Both reports: elite "less than one day", high "between one day and one week", medium "between one week and
     * one month", low "between one month and six months" (2023: "between one week and one month" for low too). */
    private static final double[] LEAD_TIME_HOURS_BELOW = { HOURS_PER_DAY, 7 * HOURS_PER_DAY, 30 * HOURS_PER_DAY,
            Double.POSITIVE_INFINITY };

    private final String id;
    private final String title;
    private final String source;
    private final double[] changeFailRates;
    private final double[] recoveryHoursBelow;

    DoraLevels(String id, String title, String source, double[] changeFailRates, double[] recoveryHoursBelow) {
        this.id = id;
        this.title = title;
        this.source = source;
        this.changeFailRates = changeFailRates;
        this.recoveryHoursBelow = recoveryHoursBelow;
    }

    /** The query-parameter value naming the table: {@code 2024} or {@code 2023}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** Where the table is published. */
    public String source() {
        return source;
    }

    /** The table named {@code id} ({@code 2024} or {@code 2023}). */
    public static Optional<DoraLevels> byId(String id) {
        return Arrays.stream(values()).filter(table -> table.id.equals(id)).findFirst();
    }

    /** The level of a deployment frequency given as deployments per day. */
    public Level deploymentFrequency(double deploymentsPerDay) {
        for (Level level : Level.values()) {
            if (deploymentsPerDay >= DEPLOYMENTS_PER_DAY_AT_LEAST[level.ordinal()]) {
                return level;
            }
        }
        return Level.LOW;
    }

    /** The level of a median change lead time in hours. */
    public Level changeLeadTime(double medianHours) {
        return firstBelow(LEAD_TIME_HOURS_BELOW, medianHours);
    }

    /** The level of a change fail rate (0–1): the nearest published rate. */
    public Level changeFailRate(double rate) {
        Level nearest = Level.ELITE;
        for (Level level : Level.values()) {
            if (Math.abs(rate - changeFailRates[level.ordinal()]) < Math.abs(rate - changeFailRates[nearest.ordinal()])) {
                nearest = level;
            }
        }
        return nearest;
    }

    /** The level of a median failed deployment recovery time in hours. */
    public Level failedDeploymentRecoveryTime(double medianHours) {
        return firstBelow(recoveryHoursBelow, medianHours);
    }

    private static Level firstBelow(double[] upperBounds, double value) {
        for (Level level : Level.values()) {
            if (value < upperBounds[level.ordinal()]) {
                return level;
            }
        }
        return Level.LOW;
    }
}
