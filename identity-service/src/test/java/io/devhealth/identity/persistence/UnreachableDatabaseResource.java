package io.devhealth.identity.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Test-only endpoint: a query through the reactive PostgreSQL client to a port nothing listens on, so the tests see
 * what the mappers make of the driver's own failure when the database is down. Hidden from the OpenAPI document.
 */
@Path("/test/unreachable-database")
public class UnreachableDatabaseResource {

    private final Vertx vertx;

    UnreachableDatabaseResource(Vertx vertx) {
        this.vertx = vertx;
    }

    @GET
    @Operation(hidden = true)
    public Uni<String> query() {
        PgPool pool = PgPool.pool(vertx, new PgConnectOptions().setHost("127.0.0.1").setPort(closedPort())
                .setDatabase("none").setUser("none").setPassword("none"), new PoolOptions().setMaxSize(1));
        return pool.query("SELECT 1").execute().map(rows -> "unexpectedly reachable")
                .eventually(pool::close);
    }

    /** A port that was free a moment ago: connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
