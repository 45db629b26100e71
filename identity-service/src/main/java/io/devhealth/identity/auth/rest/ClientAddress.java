package io.devhealth.identity.auth.rest;

import java.net.InetAddress;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address of the client behind a request, for per-client sign-in throttling. The peer itself, unless the peer
 * is a proxy on loopback or a private network (the gateway) and sent {@code X-Forwarded-For}: then the last hop of
 * that header, the address the proxy itself saw (earlier hops are whatever the client wrote, so they are ignored).
 * Numeric only: no name lookups.
 */
final class ClientAddress {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        String forwarded = request.getHeader(FORWARDED_FOR);
        if (forwarded == null || forwarded.isBlank() || !isTrustedProxy(peer)) {
            return peer;
        }
        String lastHop = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return lastHop.isEmpty() || lastHop.length() > 64 ? peer : lastHop;
    }

    private static boolean isTrustedProxy(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            InetAddress parsed = InetAddress.ofLiteral(address);
            return parsed.isLoopbackAddress() || parsed.isSiteLocalAddress()
                    || (parsed.getAddress().length == 16 && (parsed.getAddress()[0] & 0xfe) == 0xfc);
        } catch (IllegalArgumentException notALiteral) {
            return false;
        }
    }
}
