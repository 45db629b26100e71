package io.devhealth.identity.people.rest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.devhealth.support.problem.Problem;
import io.devhealth.support.problem.ProblemException;

/**
 * Reads JSON merge patch bodies (RFC 7396) of {@code PATCH} endpoints: a member that is absent stays as it is, a
 * member that is {@code null} is cleared. A record cannot tell the two apart, so the body is read as a tree: the
 * record (checked like any request body: {@code @CleanText}, Bean Validation) carries the values, the tree says
 * which members were sent. Members the record does not have are refused (422), not ignored.
 */
@ApplicationScoped
public class MergePatch {

    private final ObjectMapper mapper;
    private final Validator validator;

    MergePatch(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /** A patch: its values, and the members it sent. */
    public record Patch<T>(T value, Set<String> members) {

        /** Whether the patch sent {@code member} (possibly as null). */
        public boolean has(String member) {
            return members.contains(member);
        }
    }

    /**
     * The patch {@code body} holds for a {@code type} record: 400 when the body is not a JSON object or a member has
     * the wrong type, 422 when a member is unknown or invalid.
     */
    public <T extends Record> Patch<T> read(JsonNode body, Class<T> type) throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("the body must be a JSON object (a merge patch)");
        }
        Set<String> known = new HashSet<>(Arrays.stream(type.getRecordComponents()).map(c -> c.getName()).toList());
        List<Problem.Violation> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(new Problem.Violation(name, "is not a member of this resource"));
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid(unknown);
        }
        T value = mapper.treeToValue(body, type);
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Set<String> members = new HashSet<>();
        body.fieldNames().forEachRemaining(members::add);
        return new Patch<>(value, Set.copyOf(members));
    }
}
