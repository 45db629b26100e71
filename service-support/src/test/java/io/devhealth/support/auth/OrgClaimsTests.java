package io.devhealth.support.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonArray;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class OrgClaimsTests {

    private static final UUID ORG = UUID.fromString("0b6f6c55-4c1e-4b89-9d3e-8c1f2a6b7c10");

    @Test
    void claimWrittenByTheIssuerReadsBackAsTheSameGrants() {
        List<OrgGrant> grants = List.of(new OrgGrant(ORG, "local", OrgRole.ADMIN));

        JsonWebToken token = token(asJson(OrgClaims.toClaim(grants)), Set.of(OrgClaims.USER_GROUP));

        assertThat(OrgClaims.read(token)).isEqualTo(grants);
        assertThat(OrgClaims.find(token, "local")).contains(grants.getFirst());
        assertThat(OrgClaims.find(token, ORG.toString().toUpperCase())).contains(grants.getFirst());
        assertThat(OrgClaims.find(token, "other")).isEmpty();
        assertThat(OrgClaims.isSuperuser(token)).isFalse();
    }

    @Test
    void malformedEntriesGrantNothing() {
        JsonArray claim = Json.createReader(new StringReader("""
                [{"id": "not-a-uuid", "slug": "a", "role": "owner"},
                 {"id": "%s", "slug": "b", "role": "emperor"},
                 {"id": "%s", "slug": "c"},
                 "owner",
                 {"id": "%s", "slug": "d", "role": "viewer"}]
                """.formatted(ORG, ORG, ORG))).readArray();

        assertThat(OrgClaims.read(token(claim, Set.of()))).containsExactly(new OrgGrant(ORG, "d", OrgRole.VIEWER));
    }

    @Test
    void rolesAreOrderedWeakestFirst() {
        assertThat(OrgRole.OWNER.atLeast(OrgRole.ADMIN)).isTrue();
        assertThat(OrgRole.ADMIN.atLeast(OrgRole.ADMIN)).isTrue();
        assertThat(OrgRole.MEMBER.atLeast(OrgRole.ADMIN)).isFalse();
        assertThat(OrgRole.fromClaim("viewer")).isEqualTo(OrgRole.VIEWER);
    }

    private static JsonArray asJson(List<Map<String, Object>> claim) {
        var array = Json.createArrayBuilder();
        claim.forEach(entry -> array.add(Json.createObjectBuilder(entry)));
        return array.build();
    }

    /** SmallRye JWT hands complex claims over as JSON-P values; this token does the same. */
    private static JsonWebToken token(JsonArray orgs, Set<String> groups) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of(OrgClaims.CLAIM, "groups");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return switch (claimName) {
                    case OrgClaims.CLAIM -> (T) orgs;
                    case "groups" -> (T) groups;
                    default -> null;
                };
            }

            @Override
            public Set<String> getGroups() {
                return groups;
            }
        };
    }
}
