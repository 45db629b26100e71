package io.devhealth.identity.people.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.support.problem.ProblemException;
import io.devhealth.support.text.UnacceptableTextException;

/**
 * Reads a JSON import body: an array of {@link ImportPerson}s, streamed element by element so that each person's
 * line is known. Not JSON, not an array, or a member of the wrong type: 400 (naming the element and line); NUL or an
 * unpaired surrogate in a string: 422 naming the field.
 */
@ApplicationScoped
class JsonImportReader {

    private final ObjectMapper mapper;

    JsonImportReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ImportInput read(byte[] body) {
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ProblemException.badRequest("the body must be a JSON array of people");
            }
            List<ImportRow> rows = new ArrayList<>();
            for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                if (!parser.hasToken(JsonToken.START_OBJECT)) {
                    throw ProblemException.badRequest("[" + index + "] must be a JSON object (line "
                            + parser.currentTokenLocation().getLineNr() + ")");
                }
                int line = parser.currentTokenLocation().getLineNr();
                rows.addAll(rows(person(parser, index, line), index, line));
                if (rows.size() > ImportInput.MAX_ROWS) {
                    throw ProblemException.contentTooLarge("an import holds at most " + ImportInput.MAX_ROWS
                            + " rows (identities, or people without any)");
                }
            }
            if (parser.nextToken() != null) {
                throw ProblemException.badRequest("the body must hold nothing after the array");
            }
            return new ImportInput("json", rows, List.of());
        } catch (JsonParseException malformed) {
            throw ProblemException.badRequest("the body is not valid JSON (line "
                    + malformed.getLocation().getLineNr() + ", column " + malformed.getLocation().getColumnNr() + ")");
        } catch (IOException unreadable) {
            throw ProblemException.badRequest("the body is not valid JSON");
        }
    }

    private ImportPerson person(JsonParser parser, int index, int line) throws IOException {
        try {
            return mapper.readValue(parser, ImportPerson.class);
        } catch (UnacceptableTextException text) {
            throw ProblemException.invalidField("[" + index + "]" + path(text), text.getOriginalMessage());
        } catch (JsonParseException malformed) {
            throw malformed;
        } catch (JsonMappingException mismatch) {
            throw ProblemException.badRequest("invalid value for field '[" + index + "]" + path(mismatch)
                    + "' (the person starting on line " + line + ")");
        }
    }

    private static List<ImportRow> rows(ImportPerson person, int index, int line) {
        String personPath = "[" + index + "]";
        if (person.identities() == null || person.identities().isEmpty()) {
            return List.of(new ImportRow(line, personPath, null, orNull(person.key()), orNull(person.displayName()),
                    orNull(person.primaryEmail()), null, null, null, null));
        }
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < person.identities().size(); i++) {
            ImportPerson.Identity identity = person.identities().get(i);
            String identityPath = personPath + ".identities[" + i + "]";
            if (identity == null) {
                throw ProblemException.invalidField(identityPath, "must not be null");
            }
            rows.add(new ImportRow(line, personPath, identityPath, orNull(person.key()), orNull(person.displayName()),
                    orNull(person.primaryEmail()), orNull(identity.provider()), orNull(identity.externalId()),
                    orNull(identity.name()), orNull(identity.email())));
        }
        return rows;
    }

    /** Empty strings (after stripping) are absent values, as empty CSV cells are. */
    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The location of a mapping failure inside one person: {@code .identities[0].externalId}. */
    private static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            path.append(reference.getFieldName() != null ? "." + reference.getFieldName()
                    : "[" + reference.getIndex() + "]");
        }
        return path.toString();
    }
}
