package io.devhealth.identity.people.service;

import java.util.List;
import java.util.UUID;

/** A person to create: fields already validated by the request record; optional ones null. */
public record PersonDraft(String key, String displayName, String primaryEmail, UUID userId,
        List<IdentityDraft> identities) {
}
