package io.devhealth.identity.org;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.devhealth.support.auth.OrgRef;

/** A valid organization slug ({@link OrgRef#isValidSlug}); null is valid (combine with {@code @NotNull}). */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Constraint(validatedBy = OrgSlug.Validator.class)
public @interface OrgSlug {

    String message() default OrgRef.SLUG_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OrgSlug, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || OrgRef.isValidSlug(value);
        }
    }
}
