package io.devhealth.sync.provider.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The real provider recordings in {@code ../shared/fixtures/providers/} (next to the repository root; see its
 * SOURCES.md), read at test time and never copied into the project. {@code -Ddevhealth.fixtures=DIR} points
 * elsewhere. Missing recordings fail loudly.
 */
public final class Recordings {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Hop-by-hop or re-encoded headers the recordings dropped or that the replay server sets itself. */
    private static final Set<String> SKIPPED = Set.of("content-length", "transfer-encoding", "connection",
            "content-encoding", "status");

    private Recordings() {
    }

    /**
     * One recorded response: status (200 when the source did not store it), headers as recorded, body bytes as
     * stored.
     */
    public record Recording(int status, Map<String, String> headers, byte[] body) {
    }

    /** The fixtures directory; fails when it is missing. */
    public static Path root() {
        String configured = System.getProperty("devhealth.fixtures");
        Path root = configured != null ? Path.of(configured) : repoRoot().getParent().resolve("shared/fixtures/providers");
        if (!Files.isRegularFile(root.resolve("manifest.json"))) {
            throw new IllegalStateException("provider recordings not found at " + root + " (expected "
                    + "../shared/fixtures/providers next to the repository, or -Ddevhealth.fixtures=DIR)");
        }
        return root;
    }

    /** {@code name} without extension, e.g. {@code github/issues/list.page1}: its body and, if recorded, headers. */
    public static Recording load(String name) {
        Path body = root().resolve(name + ".json");
        Path headers = root().resolve(name + ".headers.json");
        try {
            if (!Files.isRegularFile(body)) {
                throw new IllegalStateException("recording missing: " + body);
            }
            int status = 200;
            Map<String, String> map = new LinkedHashMap<>();
            if (Files.isRegularFile(headers)) {
                JsonNode recorded = JSON.readTree(headers.toFile());
                if (recorded.path("status").canConvertToInt()) {
                    status = recorded.get("status").asInt();
                }
                recorded.path("headers").properties().forEach(e -> {
                    if (!SKIPPED.contains(e.getKey().toLowerCase())) {
                        map.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
            return new Recording(status, map, Files.readAllBytes(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The path and query the recording was made for (its headers file's {@code request.url}), e.g.
     * {@code /repositories/<id>/issues?per_page=3&page=2}.
     */
    public static String requestPath(String name) {
        Path headers = root().resolve(name + ".headers.json");
        try {
            if (!Files.isRegularFile(headers)) {
                throw new IllegalStateException("recorded request missing: " + headers);
            }
            java.net.URI url = java.net.URI.create(JSON.readTree(headers.toFile()).path("request").path("url").asText());
            return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URL a recording was made for, as {@code manifest.json} lists it (also for item arrays, which have no headers
     * file): tests derive the replayed origin and ids from it instead of writing them.
     */
    public static java.net.URI requestUrl(String name) {
        try {
            for (JsonNode entry : JSON.readTree(root().resolve("manifest.json").toFile())) {
                if (entry.path("file").asText().equals(name + ".json")) {
                    return java.net.URI.create(entry.path("url").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("recording not in manifest.json: " + name);
    }

    /** A recorded body as JSON. */
    public static JsonNode json(String name) {
        try {
            return JSON.readTree(load(name).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repoRoot() {
        String configured = System.getProperty("devhealth.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("migrations/clickhouse"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }
}
