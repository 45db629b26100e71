package io.devhealth.sync.provider.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Rate limits announced in headers, the common scheme of GitHub ({@code X-RateLimit-Remaining/Reset}) and GitLab
 * ({@code RateLimit-Remaining/Reset}): a remaining count, a reset time in epoch seconds, and {@code Retry-After}.
 *
 * <p>A 403 or 429 is a rate-limit refusal when it carries {@code Retry-After}, or a spent window
 * ({@code remaining = 0}) with its reset, or matches the provider's {@code limitedBody} test (GitHub's secondary
 * limits come with neither header: "wait at least a minute", then longer). Any other 403 is a real refusal.
 *
 * <p>A reset is epoch seconds (GitHub, GitLab) or an ISO-8601 time (Jira Cloud's {@code X-RateLimit-Reset}, e.g.
 * {@code 2026-12-02T10:15Z}) or, for {@link #resetInSeconds}, seconds from now (PagerDuty). A provider that names the limit it hit ({@code reasonHeader}, Jira's
 * {@code RateLimit-Reason}) has that name added to the wait's reason.
 *
 * <p>Reset times are read against the response's own {@code Date} when it has one: a wait lasts
 * {@code reset − Date} from now, so a skewed local clock neither shortens nor stretches it.
 */
public final class HeaderRateLimits implements RateLimitPolicy {

    /** First wait for a refusal that names no time; doubles per consecutive refusal, up to {@link #MAX_BACKOFF}. */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(60);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    private final String remainingHeader;
    private final String resetHeader;
    private final Predicate<ApiResponse> limitedBody;
    private final String reasonHeader;
    private final boolean resetInSeconds;

    /**
     * @param remainingHeader e.g. {@code X-RateLimit-Remaining}
     * @param resetHeader     e.g. {@code X-RateLimit-Reset} (epoch seconds)
     * @param limitedBody     recognizes a refusal that only the body explains (e.g. GitHub's secondary limits)
     */
    public HeaderRateLimits(String remainingHeader, String resetHeader, Predicate<ApiResponse> limitedBody) {
        this(remainingHeader, resetHeader, limitedBody, null);
    }

    /** @param reasonHeader names the limit that refused a request (e.g. {@code RateLimit-Reason}), or {@code null} */
    public HeaderRateLimits(String remainingHeader, String resetHeader, Predicate<ApiResponse> limitedBody,
            String reasonHeader) {
        this(remainingHeader, resetHeader, limitedBody, reasonHeader, false);
    }

    private HeaderRateLimits(String remainingHeader, String resetHeader, Predicate<ApiResponse> limitedBody,
            String reasonHeader, boolean resetInSeconds) {
        this.remainingHeader = remainingHeader;
        this.resetHeader = resetHeader;
        this.limitedBody = limitedBody;
        this.reasonHeader = reasonHeader;
        this.resetInSeconds = resetInSeconds;
    }

    /**
     * Limits whose reset header counts the seconds until the window resets (PagerDuty's {@code ratelimit-reset}, as in
     * the IETF RateLimit header draft) instead of naming an epoch second. A 429 carrying such a reset waits for it
     * even without a remaining count of 0.
     */
    public static HeaderRateLimits resetInSeconds(String remainingHeader, String resetHeader) {
        return new HeaderRateLimits(remainingHeader, resetHeader, response -> false, null, true);
    }

    @Override
    public Optional<RateLimitWait> refused(ApiResponse response, Instant now, int consecutive) {
        if (response.status() != 403 && response.status() != 429) {
            return Optional.empty();
        }
        return refusal(response, now, consecutive).map(wait -> new RateLimitWait(wait.until(), wait.reason()
                + (reasonHeader == null ? "" : response.header(reasonHeader).map(r -> ": " + r.trim()).orElse(""))));
    }

    private Optional<RateLimitWait> refusal(ApiResponse response, Instant now, int consecutive) {
        Optional<Instant> retryAfter = retryAfter(response, now);
        if (retryAfter.isPresent()) {
            return Optional.of(new RateLimitWait(retryAfter.get(), "Retry-After"));
        }
        if (spent(response) || (resetInSeconds && response.status() == 429)) {
            Optional<Instant> reset = reset(response, now);
            if (reset.isPresent()) {
                return Optional.of(new RateLimitWait(reset.get(), "rate limit"));
            }
        }
        if (response.status() == 429 || limitedBody.test(response)) {
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(consecutive, 4));
            return Optional.of(new RateLimitWait(now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff),
                    "secondary rate limit"));
        }
        return Optional.empty();
    }

    @Override
    public Optional<RateLimitWait> exhausted(ApiResponse response, Instant now) {
        if (!spent(response)) {
            return Optional.empty();
        }
        return reset(response, now).map(reset -> new RateLimitWait(reset, "rate limit"));
    }

    private boolean spent(ApiResponse response) {
        return response.longHeader(remainingHeader).map(remaining -> remaining <= 0).orElse(false);
    }

    /**
     * The reset as a local instant: {@code now + (reset − Date)}, or the reset itself without a {@code Date}; for
     * resets in seconds, {@code now + seconds}.
     */
    private Optional<Instant> reset(ApiResponse response, Instant now) {
        if (resetInSeconds) {
            return response.longHeader(resetHeader).map(seconds -> now.plusSeconds(Math.max(0, seconds)));
        }
        return resetTime(response)
                .map(reset -> serverDate(response).map(date -> now.plus(Duration.between(date, reset))).orElse(reset));
    }

    private Optional<Instant> resetTime(ApiResponse response) {
        Optional<Long> seconds = response.longHeader(resetHeader);
        if (seconds.isPresent()) {
            return seconds.map(Instant::ofEpochSecond);
        }
        return response.header(resetHeader).flatMap(HeaderRateLimits::isoTime);
    }

    /** An ISO-8601 time with an offset, seconds optional ({@code 2026-12-02T10:15Z}). */
    private static Optional<Instant> isoTime(String value) {
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.trim(), ISO_MINUTES).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static final DateTimeFormatter ISO_MINUTES = new java.time.format.DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').appendPattern("HH:mm[:ss][.SSS]")
            .appendOffset("+HH:MM", "Z").toFormatter();

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
    private static Optional<Instant> retryAfter(ApiResponse response, Instant now) {
        Optional<String> value = response.header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(now.plusSeconds(Math.max(0, Long.parseLong(value.get()))));
        } catch (NumberFormatException notSeconds) {
            Optional<Instant> date = httpDate(value.get());
            Optional<Instant> server = serverDate(response);
            return date.map(d -> server.map(s -> now.plus(Duration.between(s, d))).orElse(d));
        }
    }

    private static Optional<Instant> serverDate(ApiResponse response) {
        return response.header("Date").flatMap(HeaderRateLimits::httpDate);
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
