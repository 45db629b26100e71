package io.devhealth.sync.job.completion;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HolderIdTests {

    @Test
    void namesTheHostAndDiffersPerProcessStart() {
        HolderId first = new HolderId("sync-service-7d9f-abcde");
        HolderId second = new HolderId("sync-service-7d9f-abcde");

        assertThat(first.value()).matches("sync-service-7d9f-abcde-[0-9a-f]{8}");
        assertThat(first.value()).isNotEqualTo(second.value());
    }

    @Test
    void fitsIdentitysLeaseHolderColumn() {
        HolderId holder = new HolderId("h".repeat(500));

        assertThat(holder.value()).hasSize(200).matches("h{191}-[0-9a-f]{8}");
    }
}
