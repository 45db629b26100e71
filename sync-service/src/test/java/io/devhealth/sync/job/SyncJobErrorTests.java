package io.devhealth.sync.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SyncJobErrorTests {

    @Test
    void internalErrorNamesTheExceptionClassAndMessage() {
        assertThat(SyncJob.internalError(new IllegalStateException("no ClickHouse")))
                .isEqualTo("internal error: java.lang.IllegalStateException: no ClickHouse");
    }

    @Test
    void errorsAreCutToIdentitysLimit() {
        String error = SyncJob.internalError(new RuntimeException("x".repeat(10_000)));

        assertThat(error).hasSize(SyncJob.MAX_ERROR_LENGTH).startsWith("internal error: java.lang.RuntimeException: xxx")
                .endsWith("…");
        assertThat(SyncJob.truncate("short")).isEqualTo("short");
    }
}
