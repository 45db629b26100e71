package io.devhealth.identity.people.service;

import java.util.Locale;

import io.devhealth.identity.people.IdentityProvider;

/** A provider identity to map: {@code name} and {@code email} may be null (a git identity's email is its id). */
public record IdentityDraft(IdentityProvider provider, String externalId, String name, String email) {

    /** What makes two identities the same in an organization: provider and lower-cased external id. */
    public String matchKey() {
        return provider.apiName() + ":" + externalId.toLowerCase(Locale.ROOT);
    }
}
