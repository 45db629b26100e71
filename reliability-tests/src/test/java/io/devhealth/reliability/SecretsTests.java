package io.devhealth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Secrets stay secret: after a credential is stored, no API answer, no row of identity's PostgreSQL database (every
 * table dumped as JSON text) and no line any service logged holds its plaintext, the bootstrap password, the service
 * secret, the credentials master key or an access token.
 */
class SecretsTests {

    private final Fixture fixture = Fixture.get();

    @Test
    void noSecretIsReturnedStoredInPlainTextOrLogged() throws Exception {
        String secret = "ghp_" + UUID.randomUUID().toString().replace("-", "") + "SECRET";
        String name = "reliability-" + UUID.randomUUID();
        ObjectNode body = Fixture.JSON.createObjectNode().put("provider", "github").put("name", name).put("secret", secret);
        JsonNode created = Fixture.expect(fixture.send("POST", "/api/v1/identity/orgs/" + Fixture.ORG + "/credentials",
                fixture.adminToken, body), 201).json();
        String id = created.get("id").asText();

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("credential secret", secret);
        secrets.put("bootstrap admin password", fixture.stack.adminPassword());
        secrets.put("service secret", fixture.stack.serviceSecret());
        secrets.put("credentials master key", fixture.stack.credentialsMasterKeys().split(":", 2)[1]);
        secrets.put("an access token's signature", Jwts.signature(fixture.adminToken));

        List<String> answers = List.of(created.toString(),
                fixture.send("GET", "/api/v1/identity/orgs/" + Fixture.ORG + "/credentials/" + id, fixture.adminToken, null).body(),
                fixture.send("GET", "/api/v1/identity/orgs/" + Fixture.ORG + "/credentials", fixture.adminToken, null).body(),
                fixture.send("GET", "/api/v1/identity/orgs/" + Fixture.ORG + "/credentials/" + id + "/reads",
                        fixture.adminToken, null).body());
        String dump = dump();
        assertThat(dump).as("the dump holds the credential's row").contains(name);

        Map<String, Object> figures = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            if (answers.stream().anyMatch(answer -> answer.contains(entry.getValue()))) {
                found.add(entry.getKey() + " in an API answer");
            }
            if (dump.contains(entry.getValue())) {
                found.add(entry.getKey() + " in the PostgreSQL dump");
            }
            for (String service : Fixture.SERVICES) {
                if (fixture.stack.serviceLog(service).contains(entry.getValue())) {
                    found.add(entry.getKey() + " in " + service + "'s log");
                }
            }
        }
        figures.put("secretsLookedFor", secrets.keySet());
        figures.put("dumpBytes", dump.length());
        figures.put("logBytes", Fixture.SERVICES.stream().mapToInt(s -> fixture.stack.serviceLog(s).length()).sum());
        figures.put("found", found);
        Fixture.writeFigures("secrets", figures);
        assertThat(found).as("secrets where they must not be").isEmpty();
    }

    /** Every row of every table of identity's database, as JSON text. */
    private String dump() throws Exception {
        StringBuilder dump = new StringBuilder();
        try (Connection connection = fixture.stack.postgres().connect(fixture.stack.postgresDatabase());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT schemaname || '.' || quote_ident(tablename) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).as("tables").hasSizeGreaterThan(5);
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT row_to_json(t)::text FROM " + table + " t")) {
                    while (rows.next()) {
                        dump.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return dump.toString();
    }
}
