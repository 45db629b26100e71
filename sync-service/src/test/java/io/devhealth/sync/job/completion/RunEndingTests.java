package io.devhealth.sync.job.completion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunEndingTests {

    @Test
    void internalErrorNamesTheExceptionClassAndMessage() {
        assertThat(RunEnding.internalError(new IllegalStateException("no ClickHouse")))
                .isEqualTo("internal error: java.lang.IllegalStateException: no ClickHouse");
    }

    @Test
    void errorsAreCutToIdentitysLimit() {
        String error = RunEnding.internalError(new RuntimeException("x".repeat(10_000)));

        assertThat(error).hasSize(RunEnding.MAX_ERROR_LENGTH).startsWith("internal error: java.lang.RuntimeException: xxx")
                .endsWith("…");
        assertThat(RunEnding.truncate("short")).isEqualTo("short");
    }
}
