package io.devhealth.cli.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Keeps the session in {@code <config dir>/session.json}: the directory is created {@code 0700}, the file written
 * {@code 0600} (it holds bearer tokens) and replaced atomically, so a crash never leaves half a file.
 */
public final class SessionStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    public SessionStore(Path dir) {
        this.dir = dir;
    }

    /**
     * The CLI's configuration directory: {@code $XDG_CONFIG_HOME/devhealth}, else {@code ~/.config/devhealth}
     * (the XDG Base Directory rule).
     */
    public static Path defaultDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "devhealth");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "devhealth");
    }

    public Path file() {
        return dir.resolve("session.json");
    }

    public Optional<Session> load() {
        Path file = file();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return Optional.of(new Session(text(node, "url"), text(node, "email"), text(node, "accessToken"),
                    instant(node, "accessTokenExpiresAt"), text(node, "refreshToken"),
                    instant(node, "refreshTokenExpiresAt")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the session " + file + " (log in again)", e);
        }
    }

    public void save(Session session) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temp = Files.createTempFile(dir, "session", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                JSON.writeValue(temp.toFile(), toJson(session));
                try {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the session to " + file(), e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the session " + file(), e);
        }
    }

    private static ObjectNode toJson(Session session) {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", session.url());
        node.put("email", session.email());
        node.put("accessToken", session.accessToken());
        node.put("accessTokenExpiresAt", String.valueOf(session.accessTokenExpiresAt()));
        node.put("refreshToken", session.refreshToken());
        node.put("refreshTokenExpiresAt", String.valueOf(session.refreshTokenExpiresAt()));
        return node;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        return value == null || value.equals("null") ? null : Instant.parse(value);
    }
}
