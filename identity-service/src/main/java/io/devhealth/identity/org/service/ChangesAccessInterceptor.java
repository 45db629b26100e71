package io.devhealth.identity.org.service;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;

/**
 * Empties {@link CallerAccessCache} when a {@link ChangesAccess} method's {@code Uni} ends. Its priority puts it
 * outside Quarkus' {@code @WithTransaction} interceptor (priority 200), so the cache is emptied after the commit:
 * emptied before, a concurrent read could cache the row the transaction was about to change.
 */
@ChangesAccess
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
class ChangesAccessInterceptor {

    private final CallerAccessCache cache;

    ChangesAccessInterceptor(CallerAccessCache cache) {
        this.cache = cache;
    }

    @AroundInvoke
    Object invalidateAfterwards(InvocationContext context) throws Exception {
        if (!Uni.class.equals(context.getMethod().getReturnType())) {
            throw new IllegalStateException(context.getMethod() + " is @ChangesAccess but does not return a Uni");
        }
        return ((Uni<?>) context.proceed()).eventually(cache::invalidateAll);
    }
}
