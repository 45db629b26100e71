package io.devhealth.analytics.org;

/** identity-service answered 403: the org exists, and the caller is neither a member nor a superuser. */
class OrgAccessDeniedException extends RuntimeException {

    OrgAccessDeniedException(String org) {
        super("identity-service denied access to organization " + org, null, false, false);
    }
}
