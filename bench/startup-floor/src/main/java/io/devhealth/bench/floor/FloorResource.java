package io.devhealth.bench.floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** One endpoint, so the REST layer starts as it does in the services (an application without any skips part of it). */
@Path("/floor")
public class FloorResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String floor() {
        return "ok";
    }
}
