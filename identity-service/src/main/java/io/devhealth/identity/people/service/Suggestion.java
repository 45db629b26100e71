package io.devhealth.identity.people.service;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.devhealth.identity.people.ObservedIdentity;
import io.devhealth.identity.people.Person;

/**
 * A proposed mapping of unmapped observed identities: add them to an existing person, or create a person from them.
 *
 * @param fingerprint what is proposed, stable while it applies: {@code extend:<person id>:<provider>:<lower-cased
 *        id>} (one identity to one person), {@code create:email:<email>}, {@code create:user:<user id>} or
 *        {@code create:login:<login>}, {@code create:noreply:<login>} (a group, which may grow); a rejected fingerprint is never proposed again
 * @param person the person to extend; null for a create
 * @param displayName for a create: the new person's name
 * @param primaryEmail for a create: the new person's primary email (null when none or taken)
 * @param userId for a create from a user's email: the user to link
 */
public record Suggestion(UUID id, String fingerprint, Kind kind, Reason reason, Person person, String displayName,
        String primaryEmail, UUID userId, List<ObservedIdentity> identities) {

    public enum Kind {
        /** Map the identities to {@link Suggestion#person()}. */
        ADD_TO_PERSON,
        /** Create a person with the identities. */
        CREATE_PERSON
    }

    /** Why, with the confidence it gives (0–1) and its explanation. */
    public enum Reason {
        PRIMARY_EMAIL(0.95, "the identity's email is this person's primary email"),
        USER_EMAIL(0.9, "the email is the email of a DevHealth user who is a member of this organization"),
        SAME_EMAIL(0.9, "the identity's email is the email of one of this person's identities"),
        GITHUB_NOREPLY(0.85, "the git email is GitHub's noreply address of this GitHub login"),
        SHARED_EMAIL(0.8, "these unmapped identities share an email"),
        SAME_LOGIN(0.6, "the GitHub login and the GitLab username are the same as one of this person's"),
        SHARED_LOGIN(0.5, "an unmapped GitHub login equals an unmapped GitLab username");

        private final double confidence;
        private final String detail;

        Reason(double confidence, String detail) {
            this.confidence = confidence;
            this.detail = detail;
        }

        public double confidence() {
            return confidence;
        }

        public String detail() {
            return detail;
        }

        /** The API's name: {@code primary-email}, … */
        public String apiName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A suggestion's id: derived from the organization and the fingerprint, so it is stable across requests. */
    static UUID idOf(UUID organizationId, String fingerprint) {
        return UUID.nameUUIDFromBytes((organizationId + "|" + fingerprint).getBytes(StandardCharsets.UTF_8));
    }
}
