package io.devhealth.analytics.dora;

import java.util.List;

/**
 * Where measured values sit among the answers of the DORA Quick Check (https://dora.dev/quickcheck/, 2025), the
 * survey questions DORA's research asks (https://dora.dev/research/core/questions/): a team can compare what it
 * measures here with what it would answer there. Deployment frequency, change lead time and failed deployment
 * recovery time are chosen among the survey's time ranges; change fail rate and deployment rework rate are asked as a
 * percentage, so their answer is the measured rate in whole percent.
 */
final class QuickCheck {

    static final String TITLE = "DORA Quick Check 2025";
    static final String SOURCE = "https://dora.dev/quickcheck/";

    private static final double HOUR = 1;
    private static final double DAY = 24 * HOUR;
    private static final double WEEK = 7 * DAY;
    private static final double MONTH = 30 * DAY;
    private static final double SIX_MONTHS = 182 * DAY;

    /** An answer that holds values from {@code atLeast} (included) up to the next answer's bound. */
    private record Answer(double atLeast, String text) {
    }

    /** Deployments per day, most frequent first. */
    private static final List<Answer> DEPLOYMENT_FREQUENCY = List.of(
            new Answer(1, "On demand (multiple deploys per day)"),
            new Answer(1 / WEEK * DAY, "Between once per day and once per week"),
            new Answer(1 / MONTH * DAY, "Between once per week and once per month"),
            new Answer(1 / SIX_MONTHS * DAY, "Between once per month and once every six months"),
            new Answer(0, "Fewer than once per six months"));

    /** Hours, shortest last: the first answer whose lower bound the value reaches. */
    private static final List<Answer> DURATIONS = List.of(
            new Answer(SIX_MONTHS, "More than six months"),
            new Answer(MONTH, "Between one month and six months"),
            new Answer(WEEK, "Between one week and one month"),
            new Answer(DAY, "Between one day and one week"),
            new Answer(HOUR, "Less than one day"),
            new Answer(0, "Less than one hour"));

    private QuickCheck() {
    }

    /** The answer for a deployment frequency in deployments per day. */
    static String deploymentFrequency(double deploymentsPerDay) {
        return first(DEPLOYMENT_FREQUENCY, deploymentsPerDay);
    }

    /** The answer for a median duration in hours (change lead time, failed deployment recovery time). */
    static String duration(double hours) {
        return first(DURATIONS, hours);
    }

    /** The answer for a rate from 0 to 1: whole percent, e.g. {@code "12%"}. */
    static String percent(double rate) {
        return Math.round(rate * 100) + "%";
    }

    private static String first(List<Answer> answers, double value) {
        for (Answer answer : answers) {
            if (value >= answer.atLeast()) {
                return answer.text();
            }
        }
        return answers.getLast().text();
    }
}
