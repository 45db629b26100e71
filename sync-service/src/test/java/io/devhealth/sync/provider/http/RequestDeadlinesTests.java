package io.devhealth.sync.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Request timeouts without a timer per request: overdue requests are cancelled, answered ones pass through. */
class RequestDeadlinesTests {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    @Test
    void aRequestToAServerThatNeverAnswersTimesOutAndIsCancelled() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RequestDeadlines deadlines = new RequestDeadlines(TIMEOUT)) {
            AtomicReference<Socket> accepted = new AtomicReference<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.set(silent.accept()); // takes the connection, never answers
                } catch (IOException closed) {
                    // the test is over
                }
            });
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> pending = http.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/slow")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long started = System.nanoTime();

            assertThatThrownBy(() -> deadlines.await(pending)).isInstanceOf(HttpTimeoutException.class)
                    .hasMessage("no complete response within PT0.3S");

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
            assertThat(pending).as("the exchange was aborted").isCompletedExceptionally();
            silent.close();
            acceptor.join();
            if (accepted.get() != null) {
                accepted.get().close();
            }
        }
    }

    @Test
    void answeredRequestsPassThroughAndTransportFailuresStayIoExceptions() throws Exception {
        try (RequestDeadlines deadlines = new RequestDeadlines(TIMEOUT)) {
            assertThat(deadlines.await(CompletableFuture.completedFuture("answer"))).isEqualTo("answer");

            IOException reset = new IOException("connection reset");
            assertThatThrownBy(() -> deadlines.await(CompletableFuture.failedFuture(reset))).isSameAs(reset);
            assertThatThrownBy(() -> deadlines.await(CompletableFuture.failedFuture(new UncheckedIOException(reset))))
                    .isInstanceOf(IOException.class).hasCauseInstanceOf(UncheckedIOException.class);

            CompletableFuture<String> cancelledElsewhere = new CompletableFuture<>();
            cancelledElsewhere.cancel(true);
            assertThatThrownBy(() -> deadlines.await(cancelledElsewhere)).isInstanceOf(IOException.class)
                    .isNotInstanceOf(HttpTimeoutException.class).hasMessage("request cancelled");
        }
    }

    @Test
    void anInterruptedWaiterCancelsItsRequest() throws Exception {
        try (RequestDeadlines deadlines = new RequestDeadlines(Duration.ofMinutes(10))) {
            CompletableFuture<String> never = new CompletableFuture<>();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = Thread.ofVirtual().start(() -> {
                waiting.countDown();
                try {
                    deadlines.await(never);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiting.await();
            waiter.interrupt();
            waiter.join();

            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(never).isCancelled();
        }
    }
}
