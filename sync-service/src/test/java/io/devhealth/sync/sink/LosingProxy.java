package io.devhealth.sync.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of the real ClickHouse engine that can lose the answer of one insert: it forwards the
 * insert (it lands), then answers the client 503 as a network failure between them would. Records every insert's
 * {@code insert_deduplication_token} and body digest, so a test sees what a retry re-sent.
 */
final class LosingProxy implements AutoCloseable {

    /** One insert as the proxy saw it. */
    record Insert(String table, String token, String bodySha256, int answered) {
    }

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "expect", "upgrade", "keep-alive");

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Insert> inserts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean loseNext = new AtomicBoolean();
    private volatile String loseTable;

    LosingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next insert into {@code table} lands, but its answer is lost (the client gets a 503). */
    void loseNextAnswerTo(String table) {
        loseTable = table;
        loseNext.set(true);
    }

    List<Insert> inserts() {
        return List.copyOf(inserts);
    }

    void clear() {
        inserts.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI uri = target.resolve(exchange.getRequestURI().toString());
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String query = exchange.getRequestURI().getRawQuery();
            String token = parameter(query, "insert_deduplication_token");
            String table = insertTable(query, body);
            boolean lose = table != null && table.equals(loseTable) && loseNext.compareAndSet(true, false);
            if (table != null) {
                inserts.add(new Insert(table, token, sha256(body), lose ? 503 : response.statusCode()));
            }
            if (lose) {
                byte[] error = "Code: 210. DB::NetException: connection reset (answer lost by the test proxy)"
                        .getBytes();
                exchange.getResponseHeaders().add("X-ClickHouse-Exception-Code", "210");
                exchange.sendResponseHeaders(503, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The table of an {@code INSERT INTO t …} (in the query parameter or the body's first line), else null. */
    private static String insertTable(String query, byte[] body) {
        String statement = parameter(query, "query");
        if (statement == null) {
            int end = 0;
            while (end < body.length && end < 4096 && body[end] != '\n') {
                end++;
            }
            statement = new String(body, 0, end);
        }
        String s = statement.strip();
        if (!s.regionMatches(true, 0, "INSERT INTO ", 0, 12)) {
            return null;
        }
        String rest = s.substring(12).strip();
        int space = rest.indexOf(' ');
        int paren = rest.indexOf('(');
        int end = space < 0 ? rest.length() : space;
        if (paren >= 0 && paren < end) {
            end = paren;
        }
        return rest.substring(0, end).replace("`", "").replace("\"", "");
    }

    private static String parameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
