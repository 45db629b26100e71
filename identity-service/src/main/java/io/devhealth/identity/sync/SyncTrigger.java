package io.devhealth.identity.sync;

import jakarta.persistence.Converter;

import io.devhealth.identity.persistence.LowerCaseEnumConverter;

/** Why a run started: a person asked for it, or its configuration's schedule came due. */
public enum SyncTrigger {
    MANUAL,
    SCHEDULE;

    @Converter(autoApply = true)
    public static class DatabaseConverter extends LowerCaseEnumConverter<SyncTrigger> {

        public DatabaseConverter() {
            super(SyncTrigger.class);
        }
    }
}
