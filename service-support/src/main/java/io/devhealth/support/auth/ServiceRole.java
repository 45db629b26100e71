package io.devhealth.support.auth;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The DevHealth services that call identity-service's internal API with client-credentials tokens, and the roles
 * (token groups, besides {@link OrgClaims#SERVICE_GROUP}) each gets. An internal endpoint names the role it needs,
 * so a service can do what its job needs and nothing else. Service tokens carry their own audience
 * ({@code devhealth.jwt.service-audience}), which the public APIs do not accept.
 */
public enum ServiceRole {
    /** Claims, heartbeats and completes sync runs; reads sync configurations and organization settings. */
    SYNC_RUNNER(ServiceRole.SYNC_RUNNER_GROUP),
    /** Reads decrypted integration credentials (every read audited). */
    CREDENTIAL_READER(ServiceRole.CREDENTIAL_READER_GROUP),
    /** Reads people, identities and teams; reports identities seen in provider data. */
    PEOPLE_READER(ServiceRole.PEOPLE_READER_GROUP),
    /** Resolves organizations for other services. */
    ORG_READER(ServiceRole.ORG_READER_GROUP);

    /** The groups as constants, for {@code @RolesAllowed} on internal endpoints. */
    public static final String SYNC_RUNNER_GROUP = "sync-runner";
    public static final String CREDENTIAL_READER_GROUP = "credential-reader";
    public static final String PEOPLE_READER_GROUP = "people-reader";
    public static final String ORG_READER_GROUP = "org-reader";

    private final String group;

    ServiceRole(String group) {
        this.group = group;
    }

    /** The token group carrying this role. */
    public String group() {
        return group;
    }

    /** A service client and its roles. */
    public enum Client {
        SYNC_SERVICE("sync-service", SYNC_RUNNER, CREDENTIAL_READER, PEOPLE_READER),
        ANALYTICS_SERVICE("analytics-service", ORG_READER);

        private final String clientId;
        private final List<ServiceRole> roles;

        Client(String clientId, ServiceRole... roles) {
            this.clientId = clientId;
            this.roles = List.of(roles);
        }

        public String clientId() {
            return clientId;
        }

        /** The groups of this client's tokens: {@code service} and one per role. */
        public Set<String> groups() {
            LinkedHashSet<String> groups = new LinkedHashSet<>();
            groups.add(OrgClaims.SERVICE_GROUP);
            roles.forEach(role -> groups.add(role.group()));
            return groups;
        }

        public static Optional<Client> byId(String clientId) {
            return Arrays.stream(values()).filter(client -> client.clientId.equals(clientId)).findFirst();
        }
    }
}
