package io.devhealth.cli.api;

import com.fasterxml.jackson.databind.JsonNode;

import io.devhealth.cli.CliException;
import io.devhealth.cli.ExitCode;

/**
 * An error answer of the API, usually RFC 9457 problem+json: rendered as one line, {@code <status> <type-suffix>:
 * <detail> [field: message; …]}, e.g. {@code 422 validation: slug: must be 3–63 lower-case letters…}.
 */
public final class ApiException extends CliException {

    private final int status;
    private final String type;

    private ApiException(int status, String type, String line) {
        super(ExitCode.ofStatus(status), line);
        this.status = status;
        this.type = type;
    }

    /** From a non-2xx answer: its problem body when there is one, else the status and the start of the body. */
    static ApiException of(String method, String path, int status, JsonNode problem, String rawBody) {
        if (problem == null || !problem.isObject()) {
            String body = rawBody == null ? "" : rawBody.strip().replaceAll("\\s+", " ");
            return new ApiException(status, null, "%s %s → %d%s".formatted(method, path, status,
                    body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body)));
        }
        String type = text(problem, "type");
        String kind = type == null ? "error" : type.substring(type.lastIndexOf('/') + 1);
        String detail = text(problem, "detail");
        if (detail == null) {
            detail = text(problem, "title");
        }
        StringBuilder line = new StringBuilder().append(status).append(' ').append(kind);
        if (detail != null) {
            line.append(": ").append(detail);
        }
        JsonNode violations = problem.get("violations");
        if (violations != null && violations.isArray() && !violations.isEmpty()) {
            line.append(" (");
            for (int i = 0; i < violations.size(); i++) {
                JsonNode violation = violations.get(i);
                line.append(i == 0 ? "" : "; ").append(text(violation, "field")).append(": ")
                        .append(text(violation, "message"));
            }
            line.append(')');
        }
        // One line, whatever the server wrote.
        return new ApiException(status, type, line.toString().replaceAll("[\\r\\n]+", " "));
    }

    public int status() {
        return status;
    }

    /** The problem's {@code type} URI; null when the answer was not problem+json. */
    public String type() {
        return type;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
