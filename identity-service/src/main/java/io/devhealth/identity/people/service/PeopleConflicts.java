package io.devhealth.identity.people.service;

import java.util.Map;

import io.devhealth.identity.persistence.PgErrors;
import io.devhealth.support.problem.ProblemException;

/**
 * The unique constraints of people and identities as 409 problems. Writers hold the organization's change-feed
 * lock, so the services' own checks see every committed row and name the holder; these translations back them up
 * and cover what the services do not check first (keys, primary emails).
 */
final class PeopleConflicts {

    private static final Map<String, String> DETAILS = Map.of(
            "people_organization_key_key", "another person of this organization has this key",
            "people_organization_primary_email_key", "another person of this organization has this primary email",
            "people_organization_user_key", "this user is already linked to another person of this organization",
            "identity_mappings_external_key", "this identity is already mapped to a person of this organization");

    private PeopleConflicts() {
    }

    /** A 409 problem for a unique violation of people or identities; any other failure as it is. */
    static Throwable translate(Throwable failure) {
        for (Map.Entry<String, String> constraint : DETAILS.entrySet()) {
            if (PgErrors.uniqueViolation(constraint.getKey()).test(failure)) {
                return ProblemException.conflict(constraint.getValue());
            }
        }
        return failure;
    }
}
