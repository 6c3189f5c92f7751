package com.claimledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;

/**
 * A closed-loop load from outside: {@code clients} threads, each with its own blocking HTTP/1.1 client (its own kept
 * connection), send the next request as soon as the previous one answered, until a fixed number of requests has been
 * sent. The warm-up requests go first and are not counted. Any answer other than the expected status stops the run:
 * a figure measured over errors would be a figure of the error page. The one exception is a write's 202 (stored, but
 * the views had not shown it within the read-your-writes timeout): the write is done and its latency counts; the run
 * goes on and the figure says how many answered so.
 */
final class Load {

    /**
     * Latency percentiles and throughput of one measured run; {@code late}: writes answered 202, stored but not yet
     * shown by the views when they answered.
     */
    /**
     * The window's bounds are {@link Heap#uptimeMillis()}, so that the collections inside it can be found. {@code
     * slowest}: the {@value #SLOWEST} slowest requests, slowest first, as "12.3 ms GET /path" — which requests make a
     * p99 (the printed line shows them; the JSON does not).
     */
    record Stats(int requests, double perSecond, double p50Ms, double p99Ms, double meanMs, int late, long fromMillis,
                 long toMillis, List<String> slowest, int warmupRequests, double warmupSeconds) {

        @Override
        public String toString() {
            return String.format("Stats[requests=%d, perSecond=%s, p50Ms=%s, p99Ms=%s, meanMs=%s, late=%d,"
                            + " warmup=%d requests in %.1f s]", requests, perSecond, p50Ms, p99Ms, meanMs, late,
                    warmupRequests, warmupSeconds);
        }

        Stats warmedUpBy(int warmedRequests, double warmedSeconds) {
            return new Stats(requests, perSecond, p50Ms, p99Ms, meanMs, late, fromMillis, toMillis, slowest,
                    warmedRequests, warmedSeconds);
        }
    }

    /**
     * What comes before a load is measured: {@code requests} requests, then — unless {@code atMost} is zero — slices
     * of the same load of about {@value #SLICE_SECONDS} s each, until the last {@value #WINDOW} slices together are no
     * more than {@value #RISE} faster than the {@value #WINDOW} before them, or {@code atMost} has passed. On two cores
     * a JIT-cold node served the no-op 1,088 requests a second with 8 clients, and the same node 6,144 after some
     * 150,000, rising a few percent a second (the compiler's threads get little of the cores while the clients keep
     * them busy; docs/benchmarks.md, twenty-ninth round): a fixed warm-up of a few hundred requests measured how far
     * the JIT had got, not the read. Slices compared one by one with the fastest before them (three in a row no more
     * than 5% faster) ended such a climb within seconds.
     */
    record Warmup(int requests, Duration atMost) {

        static Warmup requests(int requests) {
            return new Warmup(requests, Duration.ZERO);
        }
    }

    /** The length of a warm-up slice. */
    static final double SLICE_SECONDS = 1.0;
    /** How many slices the rate of a warm-up is taken over. */
    static final int WINDOW = 5;
    /** A window of slices at most this much faster than the window before it has stopped rising. */
    static final double RISE = 0.03;

    /** How many of a load's slowest requests its {@link Stats} name. */
    static final int SLOWEST = 3;

    /** A write stored whose views lagged behind (see {@code RecordedNotYetVisible}). */
    static final int STORED_NOT_YET_VISIBLE = 202;

    private final List<URI> bases;
    private final int clients;
    private final AtomicInteger turn = new AtomicInteger();

    /** Requests go to the nodes at {@code bases} in turn (several nodes on one database behind a balancer). */
    Load(List<URI> bases, int clients) {
        this.bases = List.copyOf(bases);
        this.clients = clients;
    }

    Stats run(int warmup, int requests, IntFunction<Request> request, int expectedStatus) {
        return run(Warmup.requests(warmup), requests, request, expectedStatus);
    }

    Stats run(Warmup warmup, int requests, IntFunction<Request> request, int expectedStatus) {
        // The index given to the request function runs on across the warm-up, so that writes never repeat an id.
        long started = System.nanoTime();
        int warmed = warmUp(warmup, request, expectedStatus);
        double warmedSeconds = (System.nanoTime() - started) / 1e9;
        return measure(warmed, requests, request, expectedStatus).warmedUpBy(warmed, warmedSeconds);
    }

    /** The warm-up of {@link Warmup}; answers the number of requests it sent. */
    private int warmUp(Warmup warmup, IntFunction<Request> request, int expectedStatus) {
        int sent = 0;
        if (warmup.requests() > 0) {
            measure(0, warmup.requests(), request, expectedStatus);
            sent = warmup.requests();
        }
        if (warmup.atMost().isZero()) {
            return sent;
        }
        long deadline = System.nanoTime() + warmup.atMost().toNanos();
        Settling settling = new Settling();
        // The first slice's length is a guess (a client's request every 10 ms); the next ones follow the rate seen.
        int slice = Math.max(clients * 100, 50);
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            Stats stats = measure(sent, slice, request, expectedStatus);
            sent += slice;
            settled = settling.settledAfter(stats.perSecond());
            slice = (int) Math.max(clients, Math.min(100_000, stats.perSecond() * SLICE_SECONDS));
        }
        return sent;
    }

    /** Whether a warm-up's rate has stopped rising, given each slice's rate in turn. */
    static final class Settling {
        private final java.util.ArrayDeque<Double> rates = new java.util.ArrayDeque<>();

        /**
         * True once the mean rate of the last {@value #WINDOW} slices is no more than {@value #RISE} above that of the
         * {@value #WINDOW} before them: a rise of a few percent a second shows over a window, where one slice's noise
         * hides it.
         */
        boolean settledAfter(double perSecond) {
            rates.addLast(perSecond);
            if (rates.size() > 2 * WINDOW) {
                rates.removeFirst();
            }
            if (rates.size() < 2 * WINDOW) {
                return false;
            }
            double earlier = 0;
            double later = 0;
            int i = 0;
            for (double rate : rates) {
                if (i++ < WINDOW) {
                    earlier += rate;
                } else {
                    later += rate;
                }
            }
            return later <= earlier * (1 + RISE);
        }
    }

    /** A request of a measured load, to the next node in turn. */
    Request get(String pathAndQuery) {
        URI base = bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
        return new Request("GET", base.resolve(pathAndQuery), List.of(), null);
    }

    /**
     * One request of a measured load: method, address, headers (name, value, name, value, …) and body ({@code null}
     * for none).
     */
    record Request(String method, URI uri, List<String> headers, byte[] body) {

        Request header(String name, String value) {
            List<String> more = new ArrayList<>(headers);
            more.add(name);
            more.add(value);
            return new Request(method, uri, List.copyOf(more), body);
        }

        Request post(String json) {
            return new Request("POST", uri, headers, json.getBytes(StandardCharsets.UTF_8));
        }

        ClassicHttpRequest toClassic() {
            ClassicRequestBuilder builder = ClassicRequestBuilder.create(method).setUri(uri);
            for (int h = 0; h < headers.size(); h += 2) {
                builder.addHeader(headers.get(h), headers.get(h + 1));
            }
            if (body != null) {
                // The content type, if any, is one of the headers above: the entity adds none of its own.
                builder.setEntity(new ByteArrayEntity(body, null));
            }
            return builder.build();
        }

        @Override
        public String toString() {
            return method + " " + uri;
        }
    }

    /** A status and the body's bytes, read to their end so that the connection is kept for the next request. */
    private record Answer(int status, byte[] body) {
    }

    private Stats measure(int offset, int requests, IntFunction<Request> request, int expectedStatus) {
        long[] latencies = new long[requests];
        String[] sent = new String[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        long fromMillis = Heap.uptimeMillis();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                try (CloseableHttpClient http = client()) {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        Request built = request.apply(offset + i);
                        ClassicHttpRequest classic = built.toClassic();
                        sent[i] = built.method() + " " + built.uri().getRawPath()
                                + (built.uri().getRawQuery() == null ? "" : "?" + built.uri().getRawQuery());
                        long sentAt = System.nanoTime();
                        Answer answer = http.execute(classic,
                                response -> new Answer(response.getCode(), response.getEntity() == null ? new byte[0]
                                        : EntityUtils.toByteArray(response.getEntity())));
                        latencies[i] = System.nanoTime() - sentAt;
                        if (lateWrite(built.method(), answer.status(), expectedStatus)) {
                            late.incrementAndGet();
                        } else if (answer.status() != expectedStatus) {
                            throw new IllegalStateException(built + " answered " + answer.status() + " (expected "
                                    + expectedStatus + "): "
                                    + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        long wall = System.nanoTime() - start;
        return stats(latencies, sent, wall, late.get(), fromMillis, Heap.uptimeMillis());
    }

    /**
     * A client thread's own blocking HTTP/1.1 client over one kept connection. The JDK's {@code HttpClient} hands
     * every exchange between the caller, its selector thread and its executor: on this machine's two cores the eight
     * clients' threads took 27% of the CPU while the health check was measured (half as much as the server), and
     * the ceiling and every figure were partly the instrument's. This one runs the exchange on the calling thread and
     * does nothing the measured requests do not need (no retries, redirects, cookies or compression).
     */
    private static CloseableHttpClient client() {
        BasicHttpClientConnectionManager connections = new BasicHttpClientConnectionManager();
        connections.setConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(10))
                .setSocketTimeout(Timeout.ofMinutes(5)).build());
        return HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofMinutes(5)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().disableAuthCaching().disableConnectionState().build();
    }

    private static boolean lateWrite(String method, int status, int expectedStatus) {
        return status == STORED_NOT_YET_VISIBLE && expectedStatus != STORED_NOT_YET_VISIBLE && !method.equals("GET");
    }

    static Stats stats(long[] latencies, String[] requests, long wallNanos, int late, long fromMillis, long toMillis) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        List<String> slowest = java.util.stream.IntStream.range(0, latencies.length).boxed()
                .sorted((a, b) -> Long.compare(latencies[b], latencies[a])).limit(SLOWEST)
                .map(i -> String.format(java.util.Locale.ROOT, "%.1f ms %s", latencies[i] / 1e6, requests[i])).toList();
        return new Stats(sorted.length, sorted.length / (wallNanos / 1e9), percentile(sorted, 0.50),
                percentile(sorted, 0.99), mean, late, fromMillis, toMillis, slowest, 0, 0);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /**
     * Sends one request and answers its body; anything but {@code expectedStatus} (or, for a write, 202: stored, the
     * views behind) is an error.
     */
    static String send(HttpClient http, HttpRequest request, int expectedStatus) {
        return exchange(http, request, expectedStatus).body();
    }

    /** As {@link #send}, answering the whole response (its status tells a late write). */
    static HttpResponse<String> exchange(HttpClient http, HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus && !lateWrite(request.method(), response.statusCode(), expectedStatus)) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static boolean late(HttpResponse<?> response) {
        return response.statusCode() == STORED_NOT_YET_VISIBLE && !response.request().method().equals("GET");
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
