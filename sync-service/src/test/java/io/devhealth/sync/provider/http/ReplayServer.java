package io.devhealth.sync.provider.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local HTTP server that replays provider responses (JDK {@code com.sun.net.httpserver}; no test framework, so the
 * benchmark uses it too). Routes match the exact path and query first, then the path alone, then a dynamic handler by
 * path prefix. A route's replies are served in order and the last one repeats, so "a rate limit, then the page" is two
 * replies. Recorded {@code Link} and {@code Location} headers are rewritten from the provider's host to this server;
 * {@code If-None-Match} equal to the reply's {@code ETag} answers 304. Every request is recorded.
 *
 * <p>The JDK server always sends its own current {@code Date}; so that a recorded rate-limit reset means what it meant
 * when recorded, a reset header ({@code X-RateLimit-Reset}, {@code RateLimit-Reset}) of a reply with a recorded
 * {@code Date} is replayed as now + (reset − recorded Date).
 *
 * <p>A {@link Gate} ({@link #hold}) holds matching requests until a test opens it, so a test can stop a sync at an
 * exact page, act (kill the process, count what is running) and let it go on, without timing assumptions.
 */
public final class ReplayServer implements AutoCloseable {

    /** How a reply is sent. */
    public enum Delivery {
        /** As is. */
        NORMAL,
        /** Declares a longer Content-Length than it sends, then closes the connection: a body cut short. */
        TRUNCATED
    }

    /**
     * One response.
     *
     * @param headers header name → value, sent in order
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, Delivery delivery) {

        public static Reply of(Recordings.Recording recording) {
            return new Reply(recording.status(), recording.headers(), recording.body(), Delivery.NORMAL);
        }

        public static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json; charset=utf-8"),
                    body.getBytes(StandardCharsets.UTF_8), Delivery.NORMAL);
        }

        public static Reply json(String body) {
            return json(200, body);
        }

        /** The same reply with {@code name: value} added or replaced (null removes it). */
        public Reply with(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.keySet().removeIf(key -> key.equalsIgnoreCase(name));
            if (value != null) {
                copy.put(name, value);
            }
            return new Reply(status, copy, body, delivery);
        }

        public Reply withStatus(int newStatus) {
            return new Reply(newStatus, headers, body, delivery);
        }

        public Reply truncated() {
            return new Reply(status, headers, body, Delivery.TRUNCATED);
        }
    }

    /** A request as the server saw it. */
    public record Request(String method, String pathAndQuery, Map<String, String> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    static {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACKs: ~40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String providerOrigin;
    private final Map<String, Route> exact = new ConcurrentHashMap<>();
    private final Map<String, Route> byPath = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Reply>> dynamic = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final List<Gate> gates = new CopyOnWriteArrayList<>();
    private volatile boolean recordRequests = true;
    private volatile Weather weather = (request, reply) -> reply;

    private ReplayServer(String providerOrigin) throws IOException {
        this.providerOrigin = providerOrigin;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server standing in for {@code providerOrigin}, e.g. {@code https://api.github.com}. */
    public static ReplayServer start(String providerOrigin) {
        try {
            return new ReplayServer(providerOrigin);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the replay server", e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code replies} in order for exactly {@code pathAndQuery}; the last one repeats. */
    public ReplayServer route(String pathAndQuery, Reply... replies) {
        exact.put(pathAndQuery, new Route(List.of(replies)));
        return this;
    }

    /** Serves {@code replies} for {@code path} with any query. */
    public ReplayServer routePath(String path, Reply... replies) {
        byPath.put(path, new Route(List.of(replies)));
        return this;
    }

    /** Answers every request under {@code prefix} not matched otherwise. */
    public ReplayServer dynamic(String prefix, Function<Request, Reply> handler) {
        dynamic.put(prefix, handler);
        return this;
    }

    /** Holds every request {@code which} matches (before it is answered) until the gate is opened. */
    public Gate hold(Predicate<Request> which) {
        Gate gate = new Gate(which);
        gates.add(gate);
        return gate;
    }

    /** What the provider does to a reply it was about to send: the reply, another one, or it slowed or cut short. */
    @FunctionalInterface
    public interface Weather {
        Reply apply(Request request, Reply reply);
    }

    /** Passes every reply through {@code weather} from now on (a storm of errors, limits, slow and cut bodies). */
    public ReplayServer weather(Weather weather) {
        this.weather = weather;
        return this;
    }

    /** Requests seen so far, in arrival order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Stops recording requests (benchmarks: millions of them). */
    public void recordRequests(boolean record) {
        this.recordRequests = record;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
            Request request = new Request(exchange.getRequestMethod(), pathAndQuery, Collections.unmodifiableMap(headers));
            if (recordRequests) {
                requests.add(request);
            }
            for (Gate gate : gates) {
                gate.pass(request);
            }
            send(exchange, request, weather.apply(request, reply(request, exchange.getRequestURI().getRawPath())));
        }
    }

    private Reply reply(Request request, String path) {
        Route route = exact.get(request.pathAndQuery());
        if (route == null) {
            route = byPath.get(path);
        }
        if (route != null) {
            return route.next();
        }
        for (Map.Entry<String, Function<Request, Reply>> handler : dynamic.entrySet()) {
            if (path.startsWith(handler.getKey())) {
                Reply reply = handler.getValue().apply(request);
                if (reply != null) {
                    return reply;
                }
            }
        }
        return Reply.json(404, "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}");
    }

    private void send(HttpExchange exchange, Request request, Reply reply) throws IOException {
        String etag = header(reply.headers(), "ETag");
        String ifNoneMatch = request.header("If-None-Match");
        boolean notModified = etag != null && etag.equals(ifNoneMatch);
        long recordedDate = epochSeconds(header(reply.headers(), "Date"));
        long now = java.time.Instant.now().getEpochSecond();
        reply.headers().forEach((name, value) -> {
            String replayed = rewrite(name, value);
            if (recordedDate > 0 && (name.equalsIgnoreCase("X-RateLimit-Reset") || name.equalsIgnoreCase("RateLimit-Reset"))) {
                replayed = Long.toString(now + Long.parseLong(value.trim()) - recordedDate);
            }
            if (!name.equalsIgnoreCase("Date")) {
                exchange.getResponseHeaders().add(name, replayed);
            }
        });
        if (notModified) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        byte[] body = reply.body();
        if (reply.delivery() == Delivery.TRUNCATED) {
            exchange.sendResponseHeaders(reply.status(), body.length + 1000L);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, body.length / 2);
            out.flush();
            exchange.getHttpContext().getServer(); // keep the exchange open only as long as needed
            throw new IOException("truncated on purpose"); // closes the connection without the rest
        }
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static long epochSeconds(String httpDate) {
        if (httpDate == null) {
            return 0;
        }
        try {
            return java.time.ZonedDateTime.parse(httpDate, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return 0;
        }
    }

    private String rewrite(String name, String value) {
        if (name.equalsIgnoreCase("Link") || name.equalsIgnoreCase("Location")) {
            return value.replace(providerOrigin, url());
        }
        return value;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Requests held until {@link #open()}: each matching request counts as an arrival and waits (its connection open,
     * the client waiting for the answer); after {@code open()} matching requests pass at once. Closing the server
     * releases held requests without an answer.
     */
    public static final class Gate {

        private final Predicate<Request> which;
        private int arrivals;
        private boolean open;

        private Gate(Predicate<Request> which) {
            this.which = which;
        }

        /** Requests that reached the gate so far (held or, after opening, passed). */
        public synchronized int arrivals() {
            return arrivals;
        }

        /**
         * Waits until {@code count} requests have reached the gate.
         *
         * @throws IllegalStateException when they have not within {@code timeout}
         */
        public synchronized void awaitArrivals(int count, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            try {
                while (arrivals < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException(arrivals + " of " + count + " requests reached the gate within "
                                + timeout);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting at the gate", e);
            }
        }

        /** Lets held and later requests through. */
        public synchronized void open() {
            open = true;
            notifyAll();
        }

        private synchronized void pass(Request request) throws IOException {
            if (!which.test(request)) {
                return;
            }
            arrivals++;
            notifyAll();
            try {
                while (!open) {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("server closed while the request was held at a gate", e);
            }
        }
    }

    /** Replies served in order, the last one repeating. */
    private static final class Route {
        private final List<Reply> replies;
        private int next;

        Route(List<Reply> replies) {
            this.replies = new ArrayList<>(replies);
        }

        synchronized Reply next() {
            Reply reply = replies.get(Math.min(next, replies.size() - 1));
            next++;
            return reply;
        }
    }
}
