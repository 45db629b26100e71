package io.devhealth.analytics.org;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's public API, the part analytics needs. Use {@link IdentityClient}, which adds resilience. */
@RegisterRestClient(configKey = "identity")
@Path("/api/v1/identity")
interface IdentityRestClient {

    /** 200 the org, 403 it exists but the caller is neither member nor superuser, 404 no such org. */
    @GET
    @Path("/orgs/{org}")
    @Produces(MediaType.APPLICATION_JSON)
    IdentityOrg getOrg(@PathParam("org") String org, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
