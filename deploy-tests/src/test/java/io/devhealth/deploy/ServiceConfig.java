package io.devhealth.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A DevHealth service's configuration as its sources declare it: the keys of its {@code application.properties}
 * (every profile), of its {@code @ConfigMapping} interfaces (nested groups included) and of its
 * {@code @ConfigProperty} injections, and its {@code quarkus.http.port}. Read from the source tree, so a manifest
 * that sets a key the service no longer has fails here.
 *
 * @param service   the module directory and Deployment name, e.g. {@code sync-service}
 * @param httpPort  {@code quarkus.http.port} without profile
 * @param keys      every configuration key, lower-case dotted form without profile prefix
 */
record ServiceConfig(String service, int httpPort, Set<String> keys) {

    /** DevHealth's Quarkus services, by Deployment name. */
    static final Set<String> SERVICES = Set.of("identity-service", "analytics-service", "sync-service");

    /** A key a manifest may set although no source of the service declares it, where that is documented. */
    record DocumentedKey(String key, Set<String> services, String documentation) {
    }

    static final List<DocumentedKey> DOCUMENTED_KEYS = List.of(
            new DocumentedKey("quarkus.profile", SERVICES,
                    "Quarkus' active profile (QUARKUS_PROFILE); application.properties: %kubernetes inherits %prod"),
            new DocumentedKey("devhealth.clickhouse.cluster", Set.of("sync-service", "analytics-service"),
                    "issue #10 and README, Deploy: the ClickHouse cluster for the Replicated/Distributed DDL and reads"),
            new DocumentedKey("quarkus.datasource.reactive.postgresql.ssl-mode", Set.of("identity-service"),
                    "README, Deploy (Databases): PostgreSQL over TLS, verify-full, in prod"),
            new DocumentedKey("quarkus.datasource.reactive.trust-certificate-pem.certs", Set.of("identity-service"),
                    "README, Deploy (Databases): the CA that signed PostgreSQL's certificate"),
            new DocumentedKey("quarkus.datasource.reactive.hostname-verification-algorithm", Set.of("identity-service"),
                    "README, Deploy (Databases): PostgreSQL's certificate must name the host"));

    private static final Pattern MAPPING = Pattern.compile("@ConfigMapping\\(prefix\\s*=\\s*\"([^\"]+)\"\\)");
    private static final Pattern PROPERTY = Pattern.compile("@ConfigProperty\\(name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern NESTED = Pattern.compile("\\binterface\\s+(\\w+)\\s*\\{");
    // An abstract accessor: `Type name();` (default methods have a body and are not configuration).
    private static final Pattern ACCESSOR = Pattern.compile("(?m)^\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*([\\w.<>?,\\s\\[\\]]+?)\\s+(\\w+)\\(\\)\\s*;");

    /** Reads {@code <repo>/<service>} and the shared {@code service-support} module it builds on. */
    static ServiceConfig read(Path repo, String service) {
        Set<String> keys = new TreeSet<>();
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(repo.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            keys.add(withoutProfile(key));
        }
        for (Path sources : new Path[] {repo.resolve(service).resolve("src/main/java"), repo.resolve("service-support/src/main/java")}) {
            if (Files.isDirectory(sources)) {
                keys.addAll(javaKeys(sources));
            }
        }
        String port = properties.getProperty("quarkus.http.port");
        if (port == null) {
            throw new IllegalStateException(service + " sets no quarkus.http.port");
        }
        return new ServiceConfig(service, Integer.parseInt(port.strip()), Set.copyOf(keys));
    }

    /** Whether the environment variable {@code name} sets one of this service's keys or a documented one. */
    boolean acceptsEnv(String name) {
        Stream<String> documented = DOCUMENTED_KEYS.stream().filter(d -> d.services().contains(service)).map(DocumentedKey::key);
        return Stream.concat(keys.stream(), documented).anyMatch(key -> envName(key).equals(name));
    }

    /** MicroProfile Config's environment form of a key: every non-alphanumeric character becomes _, upper case. */
    static String envName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") && key.contains(".") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static Set<String> javaKeys(Path sources) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher property = PROPERTY.matcher(text);
                while (property.find()) {
                    keys.add(property.group(1));
                }
                Matcher mapping = MAPPING.matcher(text);
                if (mapping.find()) {
                    String body = text.substring(text.indexOf('{', mapping.end()) + 1);
                    keys.addAll(mappingKeys(mapping.group(1), body, nestedInterfaces(body)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** Nested interface name → its body, so a group accessor ({@code Throttle throttle();}) expands to its keys. */
    private static Map<String, String> nestedInterfaces(String body) {
        Map<String, String> nested = new java.util.HashMap<>();
        Matcher matcher = NESTED.matcher(body);
        while (matcher.find()) {
            int start = matcher.end();
            nested.put(matcher.group(1), body.substring(start, closingBrace(body, start)));
        }
        return nested;
    }

    private static Set<String> mappingKeys(String prefix, String body, Map<String, String> nested) {
        // Only this level's accessors: cut the nested interfaces' bodies out first.
        String level = body;
        for (String inner : nested.values()) {
            level = level.replace(inner, "");
        }
        level = level.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        Set<String> keys = new TreeSet<>();
        Matcher accessor = ACCESSOR.matcher(level);
        while (accessor.find()) {
            String type = accessor.group(1).strip().replaceAll(".*\\s", "");
            String key = prefix + "." + kebab(accessor.group(2));
            if (nested.containsKey(type)) {
                keys.addAll(mappingKeys(key, nested.get(type), Map.of()));
            } else {
                keys.add(key);
            }
        }
        return keys;
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
