package io.devhealth.identity.people;

import jakarta.persistence.Converter;

import io.devhealth.identity.persistence.LowerCaseEnumConverter;

/** {@code provider} columns: git, github, gitlab, jira, pagerduty. */
@Converter(autoApply = true)
public class IdentityProviderConverter extends LowerCaseEnumConverter<IdentityProvider> {

    public IdentityProviderConverter() {
        super(IdentityProvider.class);
    }
}
