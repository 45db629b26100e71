package io.devhealth.support.auth;

import java.util.Locale;

/** A member's role in an organization, weakest first: each role can do everything the ones before it can. */
public enum OrgRole {
    /** Reads analytics. */
    VIEWER,
    /** Reads analytics and the org's configuration. */
    MEMBER,
    /** Manages integrations, sync configurations and runs. */
    ADMIN,
    /** Everything, including memberships and deleting the org. */
    OWNER;

    public boolean atLeast(OrgRole required) {
        return compareTo(required) >= 0;
    }

    /** The lower-case name used in tokens, the API and the database ({@code owner}, {@code admin}, …). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException when {@code value} is not one of owner, admin, member, viewer
     */
    public static OrgRole fromClaim(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
