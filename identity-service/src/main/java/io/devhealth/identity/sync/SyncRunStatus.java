package io.devhealth.identity.sync;

import jakarta.persistence.Converter;

import io.devhealth.identity.persistence.LowerCaseEnumConverter;

/** A run is running (holding a lease) until it ends as succeeded or failed. */
public enum SyncRunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED;

    @Converter(autoApply = true)
    public static class DatabaseConverter extends LowerCaseEnumConverter<SyncRunStatus> {

        public DatabaseConverter() {
            super(SyncRunStatus.class);
        }
    }
}
