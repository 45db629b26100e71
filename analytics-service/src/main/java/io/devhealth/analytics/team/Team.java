package io.devhealth.analytics.team;

/**
 * A team of the organization as identity-service defines it (copied to ClickHouse {@code teams} by sync-service).
 *
 * @param teamId identity's team id
 * @param key    the organization's key for it (what API filters take)
 * @param name   its display name
 */
public record Team(String teamId, String key, String name) {
}
