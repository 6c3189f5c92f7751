package com.claimledger.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

/**
 * A closed-loop load from outside: {@code clients} threads, each with its own HTTP/1.1 client (its own connection),
 * send the next request as soon as the previous one answered, until a fixed number of requests has been sent. The
 * warm-up requests go first and are not counted. Any answer other than the expected status stops the run: a figure
 * measured over errors would be a figure of the error page.
 */
final class Load {

    /** Latency percentiles and throughput of one measured run. */
    record Stats(int requests, double perSecond, double p50Ms, double p99Ms, double meanMs) {
    }

    private final List<URI> bases;
    private final int clients;
    private final AtomicInteger turn = new AtomicInteger();

    /** Requests go to the nodes at {@code bases} in turn (several nodes on one database behind a balancer). */
    Load(List<URI> bases, int clients) {
        this.bases = List.copyOf(bases);
        this.clients = clients;
    }

    Stats run(int warmup, int requests, IntFunction<HttpRequest.Builder> request, int expectedStatus) {
        // The index given to the request function runs on across the warm-up, so that writes never repeat an id.
        if (warmup > 0) {
            measure(0, warmup, request, expectedStatus);
        }
        return measure(warmup, requests, request, expectedStatus);
    }

    HttpRequest.Builder get(String pathAndQuery) {
        URI base = bases.get(Math.floorMod(turn.getAndIncrement(), bases.size()));
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofMinutes(5)).GET();
    }

    private Stats measure(int offset, int requests, IntFunction<HttpRequest.Builder> request, int expectedStatus) {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    HttpRequest built = request.apply(offset + i).build();
                    long sent = System.nanoTime();
                    HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
                    latencies[i] = System.nanoTime() - sent;
                    if (response.statusCode() != expectedStatus) {
                        throw new IllegalStateException(built.method() + " " + built.uri() + " answered "
                                + response.statusCode() + " (expected " + expectedStatus + "): "
                                + abbreviate(response.body()));
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
        return stats(latencies, wall);
    }

    static Stats stats(long[] latencies, long wallNanos) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new Stats(sorted.length, sorted.length / (wallNanos / 1e9), percentile(sorted, 0.50),
                percentile(sorted, 0.99), mean);
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** Sends one request and answers its body; anything but {@code expectedStatus} is an error. */
    static String send(HttpClient http, HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }
}
