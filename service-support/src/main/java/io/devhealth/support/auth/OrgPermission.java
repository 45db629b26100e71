package io.devhealth.support.auth;

/**
 * The permission matrix: every organization-scoped action of every service and the weakest role that may do it.
 * Services check actions, never roles, so this enum is the one place the matrix lives (README's table is written
 * from it, and the role-matrix tests read it). Superusers may do everything everywhere.
 *
 * <p>Beyond the matrix, two rules are checked where the data is: only an owner may grant, change or revoke the
 * owner role, and an organization always keeps at least one owner.
 */
public enum OrgPermission {
    /** See the organization (name, slug) and read its analytics. */
    ORG_READ(OrgRole.VIEWER),
    /** Rename the organization. */
    ORG_UPDATE(OrgRole.ADMIN),
    /** Delete the organization (soft delete). */
    ORG_DELETE(OrgRole.OWNER),
    /** Read analytics: metrics, DORA, pull requests, work items. */
    ANALYTICS_READ(OrgRole.VIEWER),
    /** List the members and their roles. */
    MEMBERS_READ(OrgRole.MEMBER),
    /** Add members, change roles (not to or from owner, see above), remove members. */
    MEMBERS_MANAGE(OrgRole.ADMIN),
    /** Read the organization's settings. */
    SETTINGS_READ(OrgRole.MEMBER),
    /** Create, replace and delete settings. */
    SETTINGS_MANAGE(OrgRole.ADMIN),
    /** List integration credentials' metadata (never a secret). */
    CREDENTIALS_READ(OrgRole.ADMIN),
    /** Create credentials, replace their secrets, delete them. */
    CREDENTIALS_MANAGE(OrgRole.ADMIN),
    /** Read sync configurations and runs. */
    SYNC_READ(OrgRole.MEMBER),
    /** Create, change and delete sync configurations; start and cancel runs. */
    SYNC_MANAGE(OrgRole.ADMIN),
    /** Read canonical people and their provider identities, and the teams. */
    PEOPLE_READ(OrgRole.MEMBER),
    /** Map identities, import, merge, split, decide suggestions; define teams. */
    PEOPLE_MANAGE(OrgRole.ADMIN),
    /** Recompute metrics for a date range. */
    METRICS_RECOMPUTE(OrgRole.ADMIN),
    /** Correct which deployment caused an incident (or that none did); withdraw a correction. */
    INCIDENT_LINKS_MANAGE(OrgRole.ADMIN);

    /**
     * The OpenAPI extension naming the permission an organization-scoped operation requires, e.g.
     * {@code @Extension(name = OrgPermission.OPENAPI_EXTENSION, value = "MEMBERS_MANAGE")}: documents the matrix
     * per endpoint, and the role-matrix tests check every operation against it.
     */
    public static final String OPENAPI_EXTENSION = "x-devhealth-permission";

    private final OrgRole minimumRole;

    OrgPermission(OrgRole minimumRole) {
        this.minimumRole = minimumRole;
    }

    /** The weakest role that holds this permission. */
    public OrgRole minimumRole() {
        return minimumRole;
    }

    /** Whether a member with {@code role} holds this permission; {@code null} (not a member) holds none. */
    public boolean grantedTo(OrgRole role) {
        return role != null && role.atLeast(minimumRole);
    }
}
