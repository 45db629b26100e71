package io.devhealth.identity.org.rest;

/** How the API spells roles: {@link io.devhealth.support.auth.OrgRole#claimValue()}. */
final class MemberRoles {

    static final String PATTERN = "owner|admin|member|viewer";
    static final String MESSAGE = "must be one of owner, admin, member, viewer";

    private MemberRoles() {
    }
}
