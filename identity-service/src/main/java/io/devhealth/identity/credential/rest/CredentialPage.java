package io.devhealth.identity.credential.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.devhealth.identity.credential.IntegrationCredential;
import io.devhealth.identity.credential.service.Page;

/** A page of credentials (offset pagination). */
@Schema(description = "A page of credentials, by name: ?limit= (1–100, default 20) items from ?offset= (default 0).")
public record CredentialPage(
        List<CredentialResponse> items,
        @Schema(description = "The page size asked for", examples = "20") int limit,
        @Schema(description = "How many credentials were skipped", examples = "0") int offset,
        @Schema(description = "How many credentials the organization has", examples = "3") long total) {

    static CredentialPage from(Page<IntegrationCredential> page) {
        Page<CredentialResponse> items = page.map(CredentialResponse::from);
        return new CredentialPage(items.items(), page.limit(), page.offset(), page.total());
    }
}
