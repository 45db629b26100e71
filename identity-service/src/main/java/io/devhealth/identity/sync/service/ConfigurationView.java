package io.devhealth.identity.sync.service;

import java.time.Instant;

import io.devhealth.identity.sync.SyncConfiguration;

/**
 * A configuration with when the scheduler next starts it ({@link SyncConfiguration#nextRunAt}: a past time means
 * due now; null when disabled or on demand only).
 */
public record ConfigurationView(SyncConfiguration configuration, Instant nextRunAt) {
}
