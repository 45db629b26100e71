package io.devhealth.identity.org.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a service method (returning a {@code Uni}) that changes what {@link OrgAccess} decides from: memberships,
 * roles, organizations, a user's superuser flag or activity. When its {@code Uni} ends (after the method's
 * {@code @WithTransaction} has committed or rolled back), {@link CallerAccessCache} is emptied.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ChangesAccess {
}
