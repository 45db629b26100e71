package io.devhealth.identity.people.rest;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.devhealth.identity.TestData;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** An organization with one user per role, and the people API calls the tests make. */
public final class PeopleSteps {

    public final String org;
    public final UUID orgId;
    public final String owner;
    public final String admin;
    public final String member;
    public final String viewer;

    private PeopleSteps(String org, UUID orgId, String owner, String admin, String member, String viewer) {
        this.org = org;
        this.orgId = orgId;
        this.owner = owner;
        this.admin = admin;
        this.member = member;
        this.viewer = viewer;
    }

    /** A new organization (slug {@code prefix-…}) with an owner, an admin, a member and a viewer. */
    public static PeopleSteps organization(String prefix) {
        TestData.OrgWithRoles roles = TestData.orgWithOneUserPerRole(prefix);
        return new PeopleSteps(roles.slug(), roles.id(), roles.owner(), roles.admin(), roles.member(), roles.viewer());
    }

    public String people() {
        return "/api/v1/identity/orgs/" + org + "/people";
    }

    public String path(Object id) {
        return people() + "/" + id;
    }

    public ValidatableResponse create(String token, Map<String, ?> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(people()).then();
    }

    /** Creates a person as the admin with the identities given as {@code provider, externalId} pairs. */
    public String createPerson(String displayName, String... identities) {
        return create(admin, newPerson(displayName, identities)).statusCode(201).extract().path("id");
    }

    public ValidatableResponse get(String token, Object id) {
        return given().auth().oauth2(token).when().get(path(id)).then();
    }

    public ValidatableResponse patch(String token, Object id, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().patch(path(id)).then();
    }

    public ValidatableResponse addIdentity(String token, Object id, Map<String, ?> identity) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(identity)
                .when().post(path(id) + "/identities").then();
    }

    /** A create body: display name and identities as {@code provider, externalId} pairs. */
    public static Map<String, Object> newPerson(String displayName, String... identities) {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", displayName);
        body.put("identities", identities(identities));
        return body;
    }

    public static List<Map<String, Object>> identities(String... pairs) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            list.add(identity(pairs[i], pairs[i + 1]));
        }
        return list;
    }

    public static Map<String, Object> identity(String provider, String externalId) {
        Map<String, Object> identity = new HashMap<>();
        identity.put("provider", provider);
        identity.put("externalId", externalId);
        return identity;
    }
}
