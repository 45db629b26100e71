package io.devhealth.testengines.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.devhealth.testengines.Scripts;

/** {@code dev/engines/clickhouse sbom FILE}: the facade's installed npm packages as a CycloneDX SBOM for scanners. */
class FacadeSbomTests {

  @Test
  void theFacadesNpmTreeIsDescribedAsInstalled(@TempDir Path dir) throws IOException {
    Path sbom = dir.resolve("facade.cdx.json");
    Facade.script("sbom", sbom.toString());
    String json = Files.readString(sbom);
    assertThat(json).contains("\"bomFormat\": \"CycloneDX\"");
    // The engine at the version package.json pins, and its native library: what a scanner must see.
    Matcher pinned = Pattern.compile("\"chdb\"\\s*:\\s*\"([^\"]+)\"")
        .matcher(Files.readString(Scripts.repoRoot().resolve("dev/clickhouse-facade/package.json")));
    assertThat(pinned.find()).isTrue();
    assertThat(json).contains("\"purl\": \"pkg:npm/chdb@" + pinned.group(1).replaceFirst("^[\\^~=]", "") + "\"");
    assertThat(json).containsPattern("\"purl\": \"pkg:npm/%40chdb/lib-linux-x64-gnu@[^\"]+\"");
  }
}
