package io.devhealth.support.auth;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the {@code {org}} path segment of every DevHealth API names: an organization id (the canonical
 * 8-4-4-4-12 hexadecimal UUID form, any case) or a slug. The one place all three services resolve it, so a
 * reference means the same organization everywhere.
 *
 * <p>Slugs are 3–63 lower-case letters, digits and inner hyphens (a DNS label) and never parseable as a UUID, so
 * no slug can be mistaken for an id (not even by {@link UUID#fromString}, which also accepts shapes such as
 * {@code 1-2-3-4-5}).
 */
public sealed interface OrgRef {

    /** The slug rule, as a regular expression (without the "not UUID-shaped" part, see {@link #isValidSlug}). */
    String SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$";
    /** The slug rule for humans, used in validation messages. */
    String SLUG_RULE = "must be 3–63 lower-case letters, digits or inner hyphens, and not a UUID";

    Pattern SLUG = Pattern.compile(SLUG_PATTERN);
    Pattern CANONICAL_UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    /** A reference by id. */
    record ById(UUID id) implements OrgRef {
    }

    /** A reference by slug. */
    record BySlug(String slug) implements OrgRef {
    }

    /**
     * The organization {@code ref} names, or empty when it can name none (neither a canonical UUID nor a valid
     * slug: callers answer 404, as for an unknown slug).
     */
    static Optional<OrgRef> parse(String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        if (CANONICAL_UUID.matcher(ref).matches()) {
            return Optional.of(new ById(UUID.fromString(ref)));
        }
        return isValidSlug(ref) ? Optional.of(new BySlug(ref)) : Optional.empty();
    }

    /** Whether {@code slug} may be an organization's slug: {@link #SLUG_PATTERN} and not parseable as a UUID. */
    static boolean isValidSlug(String slug) {
        return slug != null && SLUG.matcher(slug).matches() && !parsesAsUuid(slug);
    }

    /** Whether this reference names the organization with {@code orgId} and {@code slug}. */
    default boolean names(UUID orgId, String slug) {
        return switch (this) {
            case ById byId -> byId.id().equals(orgId);
            case BySlug bySlug -> bySlug.slug().equals(slug);
        };
    }

    private static boolean parsesAsUuid(String value) {
        try {
            UUID.fromString(value);
            return true;
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
