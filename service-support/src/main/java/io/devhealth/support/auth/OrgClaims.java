package io.devhealth.support.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The one definition of how DevHealth access tokens carry organization memberships, for the issuer
 * (identity-service) and the verifiers (analytics-service, sync-service).
 *
 * <p>Claim {@value #CLAIM}: {@code [{"id": "<org uuid>", "slug": "local", "role": "owner"}, …]}; groups
 * {@value #SUPERUSER_GROUP} for superusers (every org) and {@value #SERVICE_GROUP} for service tokens.
 */
public final class OrgClaims {

    public static final String CLAIM = "orgs";
    public static final String USER_GROUP = "user";
    public static final String SUPERUSER_GROUP = "superuser";
    public static final String SERVICE_GROUP = "service";

    private OrgClaims() {
    }

    /** The claim value for {@code grants}, as a token builder takes it. */
    public static List<Map<String, Object>> toClaim(List<OrgGrant> grants) {
        List<Map<String, Object>> claim = new ArrayList<>(grants.size());
        for (OrgGrant grant : grants) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", grant.orgId().toString());
            entry.put("slug", grant.slug());
            entry.put("role", grant.role().claimValue());
            claim.add(entry);
        }
        return claim;
    }

    /**
     * The memberships in a verified token; empty when the claim is absent. Entries that are not well-formed
     * are ignored (they grant nothing) rather than failing the request.
     */
    public static List<OrgGrant> read(JsonWebToken token) {
        Object claim = token.getClaim(CLAIM);
        if (!(claim instanceof JsonArray array)) {
            return List.of();
        }
        List<OrgGrant> grants = new ArrayList<>(array.size());
        for (JsonValue value : array) {
            if (value instanceof JsonObject entry) {
                parse(entry).ifPresent(grants::add);
            }
        }
        return List.copyOf(grants);
    }

    /** The caller's membership in the organization named by id or slug, if any. */
    public static Optional<OrgGrant> find(JsonWebToken token, String orgIdOrSlug) {
        return read(token).stream().filter(grant -> grant.names(orgIdOrSlug)).findFirst();
    }

    public static boolean isSuperuser(JsonWebToken token) {
        return token.getGroups().contains(SUPERUSER_GROUP);
    }

    public static boolean isService(JsonWebToken token) {
        return token.getGroups().contains(SERVICE_GROUP);
    }

    private static Optional<OrgGrant> parse(JsonObject entry) {
        try {
            return Optional.of(new OrgGrant(
                    UUID.fromString(entry.getString("id")),
                    entry.getString("slug"),
                    OrgRole.fromClaim(entry.getString("role"))));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
