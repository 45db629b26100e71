package io.devhealth.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class OrgRefTests {

    private static final UUID ID = UUID.fromString("3f2c9a4e-8a51-4d6c-9a0b-2d1e5f7a9c11");

    @Test
    void canonicalUuidsInAnyCaseAreIds() {
        assertThat(OrgRef.parse(ID.toString())).contains(new OrgRef.ById(ID));
        assertThat(OrgRef.parse(ID.toString().toUpperCase())).contains(new OrgRef.ById(ID));
    }

    @Test
    void slugsAreThreeToSixtyThreeCharactersOfADnsLabel() {
        assertThat(OrgRef.parse("acme")).contains(new OrgRef.BySlug("acme"));
        assertThat(OrgRef.isValidSlug("a-1")).isTrue();
        assertThat(OrgRef.isValidSlug("x".repeat(63))).isTrue();
        assertThat(OrgRef.isValidSlug("ab")).isFalse();
        assertThat(OrgRef.isValidSlug("x".repeat(64))).isFalse();
        assertThat(OrgRef.isValidSlug("-acme")).isFalse();
        assertThat(OrgRef.isValidSlug("acme-")).isFalse();
        assertThat(OrgRef.isValidSlug("Acme")).isFalse();
        assertThat(OrgRef.isValidSlug("ac me")).isFalse();
        assertThat(OrgRef.isValidSlug(null)).isFalse();
    }

    @Test
    void nothingUuidShapedIsASlug() {
        // UUID.fromString accepts these short forms; as slugs they would name one org here and another there.
        assertThat(OrgRef.isValidSlug("1-2-3-4-5")).isFalse();
        assertThat(OrgRef.isValidSlug("abc-1-2-3-def")).isFalse();
        assertThat(OrgRef.isValidSlug(ID.toString())).isFalse();
        // and a non-canonical UUID form is no id either: it names nothing
        assertThat(OrgRef.parse("1-2-3-4-5")).isEmpty();
    }

    @Test
    void referencesThatCanNameNothingAreEmpty() {
        assertThat(OrgRef.parse("../etc")).isEmpty();
        assertThat(OrgRef.parse("acme\u0000")).isEmpty();
        assertThat(OrgRef.parse("")).isEmpty();
        assertThat(OrgRef.parse(null)).isEmpty();
    }

    @Test
    void aReferenceNamesAnOrganizationByIdOrBySlug() {
        assertThat(OrgRef.parse("acme").orElseThrow().names(ID, "acme")).isTrue();
        assertThat(OrgRef.parse("other").orElseThrow().names(ID, "acme")).isFalse();
        assertThat(OrgRef.parse(ID.toString().toUpperCase()).orElseThrow().names(ID, "acme")).isTrue();
        assertThat(OrgRef.parse(UUID.randomUUID().toString()).orElseThrow().names(ID, "acme")).isFalse();
    }
}
