package io.devhealth.reliability;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hostile requests generated from a service's OpenAPI document, so that no endpoint is forgotten: for every operation,
 * hostile values in each path parameter and each query parameter, reversed, enormous and impossible date ranges,
 * absurd page sizes, and for every request body malformed JSON, wrong shapes, wrong types, missing fields, hostile
 * strings in every string field (SQL, NUL, unpaired surrogates, Unicode spaces, path traversal, invalid cron, 100 KB),
 * deep nesting, a 2 MB body and a wrong content type.
 *
 * <p>Path parameters other than the organization name resources that do not exist (random UUIDs), and an
 * organization is never deleted: the corpus refuses nothing of its own, it probes what the services refuse.
 */
final class HostileCorpus {

    /** One request: {@code path} with its query, already percent-encoded; {@code body} raw or null. */
    record Probe(String service, String method, String path, byte[] body, String contentType, String what) {
    }

    /** Path segment values, percent-encoded as a client would send them (the surrogate as the UTF-8 of U+D800). */
    static final List<String> HOSTILE_SEGMENTS = List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%00", "'%20OR%20'1'%3D'1",
            "%E2%80%83", "%ED%A0%80", "x".repeat(300), "-1", "%2e%2e", "%2e%2e%2f%2e%2e");

    /** Query values before encoding (the surrogate and NUL survive URLEncoder as bytes a server must refuse). */
    static final List<String> HOSTILE_VALUES = List.of("' OR 1=1 --", "'); DROP TABLE commits; --", "\0",
            "\uD800", "\u2003\u00A0", "../../../../etc/passwd", "-1", "99999999999999999999", "1e309", "NaN",
            "x".repeat(4000), "* * * * * * * *", "{{7*7}}", "2026-13-45");

    /** Query values sent as they are: bytes that are not UTF-8 (a lone surrogate's encoding, a broken pair). */
    static final List<String> RAW_QUERY_VALUES = List.of("%ED%A0%80", "%C3%28", "%FF%FE", "%25%00");

    /** String field values inside JSON bodies. */
    static final List<String> HOSTILE_STRINGS = List.of("' OR '1'='1", "a\0b", "\uD800", "\u2003\u2003",
            "../../../../etc/passwd", "x".repeat(100_000), "61 * * * * *", "", " ", "\u202Eevil", "<script>x</script>");

    private final String service;
    private final JsonNode document;
    private final Map<String, String> pathValues;

    /**
     * @param pathValues values of the path parameters this corpus keeps valid (e.g. {@code org}); every other path
     *                   parameter is a random UUID
     */
    HostileCorpus(String service, JsonNode document, Map<String, String> pathValues) {
        this.service = service;
        this.document = document;
        this.pathValues = pathValues;
    }

    List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields();
            while (operations.hasNext()) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    operation(probes, method, path.getKey(), operation.getValue());
                }
            }
        }
        return probes;
    }

    private void operation(List<Probe> probes, String method, String template, JsonNode operation) {
        List<String> pathParameters = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            (parameter.path("in").asText().equals("path") ? pathParameters : queryParameters)
                    .add(parameter.path("name").asText());
        }
        JsonNode bodySchema = bodySchema(operation);
        byte[] validBody = sampleBody(operation);
        String path = validPath(method, template);
        String label = method + " " + template;

        for (String parameter : pathParameters) {
            for (String value : HOSTILE_SEGMENTS) {
                if (!method.equals("GET") && value.contains("%2e%2e")) {
                    // A dot segment is legitimately resolved (RFC 3986): on a write it would address the parent
                    // resource, the corpus's own organization, with the owner's token.
                    continue;
                }
                String hostile = template.replace("{" + parameter + "}", value);
                probes.add(new Probe(service, method, validPath(method, hostile), validBody, json(validBody),
                        label + " path " + parameter + "=" + abbreviate(value)));
            }
        }
        for (String parameter : queryParameters) {
            for (String value : HOSTILE_VALUES) {
                probes.add(new Probe(service, method, path + "?" + parameter + "=" + encode(value), validBody,
                        json(validBody), label + " query " + parameter + "=" + abbreviate(value)));
            }
            for (String value : RAW_QUERY_VALUES) {
                probes.add(new Probe(service, method, path + "?" + parameter + "=" + value, validBody,
                        json(validBody), label + " query " + parameter + "=" + value));
            }
        }
        if (queryParameters.containsAll(List.of("from", "to"))) {
            for (String range : List.of("from=2026-12-01&to=2020-01-01", "from=0001-01-01&to=9999-12-31",
                    "from=2026-02-30&to=2026-03-01", "from=-999999999-01-01&to=2026-01-01", "from=&to=")) {
                probes.add(new Probe(service, method, path + "?" + range, null, null, label + " range " + range));
            }
        }
        if (queryParameters.contains("limit")) {
            for (String limit : List.of("0", "-5", "2147483648", "1000000000", "abc", "1.5")) {
                probes.add(new Probe(service, method, path + "?limit=" + limit, null, null, label + " limit=" + limit));
            }
        }
        if (!bodySchema.isMissingNode()) {
            bodies(probes, method, path, label, bodySchema);
        }
    }

    private void bodies(List<Probe> probes, String method, String path, String label, JsonNode schema) {
        JsonNode valid = sample(schema, 0);
        for (String raw : List.of("{\"a\":", "[]", "null", "\"text\"", "{}", "{\"x\":1,\"x\":2}", "\uFEFF{}",
                "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":" + "1".repeat(5_000) + "}")) {
            probes.add(new Probe(service, method, path, raw.getBytes(StandardCharsets.UTF_8), "application/json",
                    label + " body " + abbreviate(raw)));
        }
        probes.add(new Probe(service, method, path, bytes(valid), "text/plain", label + " body as text/plain"));
        probes.add(new Probe(service, method, path, new byte[] { (byte) 0xC3, (byte) 0x28, '{', '}' },
                "application/json", label + " body not UTF-8"));
        if (valid instanceof ObjectNode object) {
            ObjectNode wrongTypes = object.deepCopy();
            object.fieldNames().forEachRemaining(name -> wrongTypes.set(name, wrongType(object.get(name))));
            probes.add(new Probe(service, method, path, bytes(wrongTypes), "application/json", label + " wrong types"));
            for (String value : HOSTILE_STRINGS) {
                ObjectNode hostile = object.deepCopy();
                strings(hostile, value);
                probes.add(new Probe(service, method, path, bytes(hostile), "application/json",
                        label + " strings=" + abbreviate(value)));
            }
            ObjectNode huge = object.deepCopy();
            huge.put("padding", "p".repeat(2_000_000));
            probes.add(new Probe(service, method, path, bytes(huge), "application/json", label + " 2 MB body"));
        }
    }

    /** A JSON body of the operation's request schema made of its examples (null when it takes none). */
    byte[] sampleBody(JsonNode operation) {
        JsonNode schema = bodySchema(operation);
        return schema.isMissingNode() ? null : bytes(sample(schema, 0));
    }

    private JsonNode bodySchema(JsonNode operation) {
        return resolve(operation.path("requestBody").path("content").path("application/json").path("schema"));
    }

    /** The path with every parameter filled: kept values, or random UUIDs; never the organization when deleting it. */
    private String validPath(String method, String template) {
        String path = template;
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            boolean deletesIt = method.equals("DELETE") && template.endsWith("{" + value.getKey() + "}");
            path = path.replace("{" + value.getKey() + "}", deletesIt ? "no-such-" + value.getKey() : value.getValue());
        }
        return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            return document.path("components").path("schemas").path(name);
        }
        if (schema.has("allOf") && schema.get("allOf").size() == 1) {
            return resolve(schema.get("allOf").get(0));
        }
        return schema;
    }

    /** A value of the schema's shape: its example when it has one, else a plain value of its type. */
    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // A property's own examples beside its $ref win over the referenced schema's.
        JsonNode examples = schema.has("examples") ? schema.path("examples") : resolved.path("examples");
        if (examples.isArray() && !examples.isEmpty()) {
            return examples.get(0);
        }
        if (resolved.path("enum").isArray() && !resolved.path("enum").isEmpty()) {
            return resolved.path("enum").get(0);
        }
        switch (resolved.path("format").asText()) {
            case "uuid" -> {
                return nodes.textNode(UUID.randomUUID().toString());
            }
            case "date" -> {
                return nodes.textNode(LocalDate.now(ZoneOffset.UTC).toString());
            }
            case "date-time" -> {
                return nodes.textNode(Instant.now().toString());
            }
            default -> {
                // typed below
            }
        }
        switch (resolved.path("type").asText(resolved.has("properties") ? "object" : "string")) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                if (depth < 3) {
                    resolved.path("properties").fields()
                            .forEachRemaining(property -> object.set(property.getKey(), sample(property.getValue(), depth + 1)));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                if (depth < 3) {
                    array.add(sample(resolved.path("items"), depth + 1));
                }
                return array;
            }
            case "integer" -> {
                return nodes.numberNode(1);
            }
            case "number" -> {
                return nodes.numberNode(1.5);
            }
            case "boolean" -> {
                return nodes.booleanNode(true);
            }
            default -> {
                return nodes.textNode("sample");
            }
        }
    }

    private static JsonNode wrongType(JsonNode value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (value.isTextual()) {
            return nodes.numberNode(12345);
        }
        if (value.isNumber()) {
            return nodes.textNode("not a number");
        }
        if (value.isBoolean()) {
            return nodes.textNode("yes");
        }
        if (value.isArray()) {
            return nodes.objectNode().put("a", 1);
        }
        return nodes.arrayNode().add(1);
    }

    /** Sets every string in the tree to {@code value}. */
    private static void strings(JsonNode node, String value) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(name -> {
                JsonNode child = object.get(name);
                if (child.isTextual()) {
                    object.put(name, value);
                } else {
                    strings(child, value);
                }
            });
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, JsonNodeFactory.instance.textNode(value));
                } else {
                    strings(array.get(i), value);
                }
            }
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(byte[] body) {
        return body == null ? null : "application/json";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String value) {
        String printable = value.replace("\0", "\\0").replace("\uD800", "\\uD800");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…(" + value.length() + ")";
    }
}
