package io.devhealth.identity.people.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.devhealth.identity.people.IdentityProvider;
import io.devhealth.identity.people.service.PeopleRules;

/**
 * On an identity request record: its {@code externalId} fits its {@code provider} (a GitHub login, a Jira
 * accountId…, see {@link IdentityProvider}); reported on the {@code externalId} field. An unknown provider, a
 * blank or an oversize id is left to those fields' own constraints.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Constraint(validatedBy = ValidExternalId.Validator.class)
public @interface ValidExternalId {

    String message() default "does not fit the provider";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request naming a provider and an external id. */
    interface Identity {
        String provider();

        String externalId();
    }

    class Validator implements ConstraintValidator<ValidExternalId, Identity> {

        @Override
        public boolean isValid(Identity identity, ConstraintValidatorContext context) {
            String externalId = identity.externalId();
            if (externalId == null || externalId.isEmpty() || externalId.length() > PeopleRules.EXTERNAL_ID_MAX) {
                return true;
            }
            String problem = IdentityProvider.parse(identity.provider())
                    .flatMap(provider -> PeopleRules.externalIdProblem(provider, identity.externalId()))
                    .orElse(null);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                    .addPropertyNode("externalId")
                    .addConstraintViolation();
            return false;
        }
    }
}
