package io.devhealth.analytics.org;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates a bearer token that {@link CachingJwtParser} has verified before, where the request is (the event
 * loop). SmallRye JWT's own provider runs every authentication on a worker thread
 * ({@code quarkus.smallrye-jwt.blocking-authentication}: verifying may fetch identity-service's JWKS), which cost
 * every request two thread hand-offs even when nothing was left to verify. A token not verified yet (or expired) goes
 * on to that provider, which verifies it on a worker and keeps it in the parser's cache. The identity is the one
 * SmallRye JWT builds: the token as principal and {@code quarkus.user}, its groups as roles, the credential and the
 * routing context.
 */
@ApplicationScoped
public class VerifiedTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private static final String USER_ATTRIBUTE = "quarkus.user";

    private final CachingJwtParser parser;

    VerifiedTokenIdentityProvider(CachingJwtParser parser) {
        this.parser = parser;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Ahead of SmallRye JWT's provider, which keeps the default priority: a null answer hands the request on. */
    @Override
    public int priority() {
        return IdentityProvider.super.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        JsonWebToken token = parser.verified(request.getToken().getToken());
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder().setPrincipal(token)
                .addCredential(request.getToken()).addRoles(token.getGroups()).addAttribute(USER_ATTRIBUTE, token);
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routing != null) {
            identity.addAttribute(RoutingContext.class.getName(), routing);
        }
        return Uni.createFrom().item(identity.build());
    }
}
