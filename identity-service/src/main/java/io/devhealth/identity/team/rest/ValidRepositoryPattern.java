package io.devhealth.identity.team.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.devhealth.identity.team.service.RepositoryPattern;

/** On a string: a valid {@link RepositoryPattern}; the violation says what is wrong with it. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE_USE, ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Constraint(validatedBy = ValidRepositoryPattern.Validator.class)
public @interface ValidRepositoryPattern {

    String message() default "must be " + RepositoryPattern.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidRepositoryPattern, String> {

        @Override
        public boolean isValid(String glob, ConstraintValidatorContext context) {
            if (glob == null) {
                return true;
            }
            String problem = RepositoryPattern.problem(glob).orElse(null);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.replace("\\", "\\\\").replace("{", "\\{")
                    .replace("$", "\\$")).addConstraintViolation();
            return false;
        }
    }
}
