package io.devhealth.identity.credential.service;

import static io.devhealth.identity.credential.CredentialSteps.body;
import static io.devhealth.identity.credential.CredentialSteps.credentials;
import static io.devhealth.identity.credential.CredentialSteps.readSecret;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.devhealth.identity.TestData;
import io.devhealth.identity.credential.CredentialSteps;
import io.devhealth.testengines.PostgresTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the application logs while secrets pass through it: every record (DEBUG and up for DevHealth's own
 * categories), formatted, with its parameters and stack trace, must be free of the plaintext and its encodings.
 * JVM only: it listens to the application's log manager in this JVM.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL)
class CredentialLogTests {

    @Inject
    CredentialRotationService rotation;

    private final Capture capture = new Capture();
    private final Logger devhealth = Logger.getLogger("io.devhealth");
    private Level devhealthLevel;

    @BeforeEach
    void listen() {
        devhealthLevel = devhealth.getLevel();
        devhealth.setLevel(Level.FINE);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
        devhealth.setLevel(devhealthLevel);
    }

    @Test
    void noSecretReachesTheLogOnAnyPathIncludingFailures() {
        String service = TestData.serviceToken();
        String owner = TestData.login(TestData.createUser("owner"));
        String org = TestData.unique("logs");
        UUID orgId = TestData.createOrg(owner, org);
        List<String> secrets = List.of(CredentialSteps.uniqueSecret("created"),
                CredentialSteps.uniqueSecret("replaced"), CredentialSteps.uniqueSecret("duplicate"),
                CredentialSteps.uniqueSecret("nul") + "\u0000", CredentialSteps.uniqueSecret("too-long").repeat(300),
                CredentialSteps.uniqueSecret("tampered"));

        UUID id = CredentialSteps.create(owner, org, "github", "logged", secrets.get(0));
        given().auth().oauth2(owner).contentType(ContentType.JSON).body(Map.of("secret", secrets.get(1)))
                .put(credentials(org) + "/" + id + "/secret").then().statusCode(200);
        readSecret(service, orgId, id, null).statusCode(200);
        CredentialSteps.create(owner, org, body("github", "logged", secrets.get(2))).statusCode(409);
        CredentialSteps.create(owner, org, body("github", "nul", secrets.get(3))).statusCode(422);
        CredentialSteps.create(owner, org, body("github", "long", secrets.get(4))).statusCode(422);
        UUID tampered = CredentialSteps.create(owner, org, "github", "tampered", secrets.get(5));
        CredentialSteps.flipByte(tampered, "encrypted_secret", 2);
        readSecret(service, orgId, tampered, null).statusCode(409);
        given().auth().oauth2(TestData.adminToken()).post("/api/v1/identity/admin/credentials/rewrap")
                .then().statusCode(200);

        String log = capture.text();
        // The listener hears the application: the failed read was logged, by id, at ERROR.
        assertThat(log).contains("credential " + tampered + " of organization " + orgId + " cannot be decrypted");
        for (String secret : secrets) {
            for (String encoded : CredentialSteps.encodings(secret.replace("\u0000", ""))) {
                assertThat(log).doesNotContain(encoded);
            }
        }
    }

    @Test
    void theStartupReportCountsRowsUnderOtherKeysWithoutNamingAnySecret() {
        rotation.logKeyUsage(Map.of("local-test-b", 5L, "local-test-a", 2L, "retired-2019", 1L));
        rotation.logKeyUsage(Map.of("local-test-b", 5L));

        assertThat(capture.text())
                .contains("5 under the primary master key 'local-test-b', 3 under other keys")
                .contains("local-test-a: 2")
                .contains("retired-2019: 1 (not configured: unreadable)")
                .contains("5 under the primary master key 'local-test-b', none under other keys");
    }

    /** Every record, as it would be written: formatted message, raw parameters, stack trace. */
    private static final class Capture extends Handler {

        private final List<String> lines = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
            StringWriter line = new StringWriter();
            line.append(record.getLevel().getName()).append(' ').append(record.getLoggerName()).append(' ')
                    .append(message).append(' ').append(Arrays.toString(record.getParameters()));
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(line));
            }
            lines.add(line.toString());
        }

        synchronized String text() {
            return String.join("\n", lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
