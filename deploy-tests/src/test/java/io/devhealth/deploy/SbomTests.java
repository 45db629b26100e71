package io.devhealth.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each service's CycloneDX SBOM, written by the build beside its jar (cyclonedx-maven-plugin at {@code package}, which
 * the reactor runs before this module's tests): what ships in the image and nothing of the tests, so an operator's
 * scanner sees exactly the runtime dependencies.
 */
class SbomTests {

    @ParameterizedTest
    @CsvSource({
            "identity-service, quarkus-hibernate-reactive-panache",
            "analytics-service, clickhouse-jdbc",
            "sync-service, flyway-database-clickhouse" })
    void eachServiceShipsAnSbomOfItsRuntimeDependencies(String service, String expectedComponent) throws IOException {
        Path bom = Repo.root().resolve(service).resolve("target/bom.json");
        assertThat(bom).as("%s is written by `./mvnw package` (cyclonedx-maven-plugin)", bom).isRegularFile();
        JsonNode root = new ObjectMapper().readTree(Files.readString(bom));
        assertThat(root.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(root.path("specVersion").asText()).isEqualTo("1.6");
        assertThat(root.path("metadata").path("component").path("name").asText()).isEqualTo(service);
        Set<String> components = new HashSet<>();
        for (JsonNode component : root.path("components")) {
            components.add(component.path("name").asText());
            assertThat(component.path("purl").asText()).as("every component has a package URL to match advisories on")
                    .startsWith("pkg:maven/");
        }
        assertThat(components).contains(expectedComponent, "quarkus-core", "service-support");
        assertThat(components).as("test-scope dependencies do not ship")
                .doesNotContain("junit-jupiter-api", "assertj-core", "rest-assured", "test-engines");
    }
}
