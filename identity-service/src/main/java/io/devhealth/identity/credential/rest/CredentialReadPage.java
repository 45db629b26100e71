package io.devhealth.identity.credential.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.CredentialRead;
import io.devhealth.identity.credential.service.Page;

/** A page of a credential's audited reads (offset pagination). */
@Schema(description = "A page of reads, newest first: ?limit= (1–100, default 20) items from ?offset= (default 0).")
public record CredentialReadPage(
        List<CredentialReadResponse> items,
        @Schema(description = "The page size asked for", examples = "20") int limit,
        @Schema(description = "How many reads were skipped", examples = "0") int offset,
        @Schema(description = "How many reads the credential has", examples = "42") long total) {

    static CredentialReadPage from(Page<CredentialRead> page) {
        Page<CredentialReadResponse> items = page.map(CredentialReadResponse::from);
        return new CredentialReadPage(items.items(), page.limit(), page.offset(), page.total());
    }
}
