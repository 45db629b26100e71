package io.devhealth.analytics.org;

/**
 * identity-service refused the lookup: 403, the org exists and the caller is neither a member nor a superuser; 401,
 * identity no longer accepts the caller's token (a deactivated user's, say) although it is signed and unexpired.
 */
class OrgAccessDeniedException extends RuntimeException {

    private final int status;

    OrgAccessDeniedException(String org, int status) {
        super("identity-service answered " + status + " for organization " + org, null, false, false);
        this.status = status;
    }

    /** 401 or 403, as identity answered. */
    int status() {
        return status;
    }
}
