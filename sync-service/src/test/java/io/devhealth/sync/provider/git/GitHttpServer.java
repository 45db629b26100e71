package io.devhealth.sync.provider.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local git smart-HTTP server for tests: git's own {@code git http-backend} run as a CGI program behind the JDK's
 * HTTP server, serving the repositories under a directory at {@code /git/<name>} and REQUIRING HTTP Basic
 * {@code <user>:<token>} (401 with {@code WWW-Authenticate: Basic} without it or with another). A repository can be
 * made to answer 403. While serving a request it snapshots every process's command line ({@code /proc/<pid>/cmdline}),
 * so a test can check what the fetching git processes were given as arguments.
 */
public final class GitHttpServer implements AutoCloseable {

    /** One request: method, path and query, and whether it carried the right credential. */
    public record Request(String method, String pathAndQuery, boolean authorized) {
    }

    private final HttpServer server;
    private final Path projectRoot;
    private final String expectedAuthorization;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> commandLines = new CopyOnWriteArrayList<>();
    private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

    private GitHttpServer(Path projectRoot, String user, String token) throws IOException {
        this.projectRoot = projectRoot;
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/git/", this::handle);
        server.start();
    }

    /** Serves the repositories under {@code projectRoot} to requests authenticated as {@code user:token}. */
    public static GitHttpServer start(Path projectRoot, String user, String token) {
        try {
            return new GitHttpServer(projectRoot, user, token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The clone URL of repository {@code name} (a directory under the project root). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/git/" + name;
    }

    /** Repository {@code name} answers 403 to authenticated requests from now on. */
    public void forbid(String name) {
        forbidden.add(name);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The command lines of every process seen while requests were served (arguments joined by spaces). */
    public List<String> commandLinesSeen() {
        return List.copyOf(commandLines);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String pathAndQuery = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            boolean authorized = expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Request(exchange.getRequestMethod(), pathAndQuery, authorized));
            snapshotCommandLines();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!authorized) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String pathInfo = exchange.getRequestURI().getPath().substring("/git".length());
            String repository = pathInfo.substring(1).split("/")[0];
            if (forbidden.contains(repository)) {
                exchange.sendResponseHeaders(403, -1);
                return;
            }
            cgi(exchange, pathInfo, body);
        }
    }

    /** Runs {@code git http-backend} for the request and relays its CGI response. */
    private void cgi(HttpExchange exchange, String pathInfo, byte[] body) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", pathInfo);
        env.put("QUERY_STRING", exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        env.put("REMOTE_ADDR", "127.0.0.1");
        env.put("REMOTE_USER", "git");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            env.put("CONTENT_TYPE", contentType);
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        Process process = builder.start();
        Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(body);
            } catch (IOException e) {
                // the backend exited early; its status says why
            }
        });
        Thread.ofVirtual().start(() -> {
            try (InputStream err = process.getErrorStream()) {
                err.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // ignore
            }
        });
        byte[] output = process.getInputStream().readAllBytes();
        int headerEnd = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int separator = 4;
        if (headerEnd < 0) {
            headerEnd = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            separator = 2;
        }
        int status = 200;
        for (String line : new String(output, 0, Math.max(headerEnd, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        int start = headerEnd < 0 ? 0 : headerEnd + separator;
        byte[] responseBody = java.util.Arrays.copyOfRange(output, start, output.length);
        exchange.sendResponseHeaders(status, responseBody.length == 0 ? -1 : responseBody.length);
        if (responseBody.length > 0) {
            exchange.getResponseBody().write(responseBody);
        }
    }

    private void snapshotCommandLines() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .toList()) {
                try {
                    byte[] raw = Files.readAllBytes(process.resolve("cmdline"));
                    ByteArrayOutputStream line = new ByteArrayOutputStream();
                    for (byte b : raw) {
                        line.write(b == 0 ? ' ' : b);
                    }
                    commandLines.add(line.toString(StandardCharsets.UTF_8).strip());
                } catch (IOException | SecurityException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Every file under {@code dir} whose bytes contain {@code needle}. */
    public static List<Path> filesContaining(Path dir, String needle) {
        byte[] pattern = needle.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), pattern) >= 0) {
                    found.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
