package com.claimledger.web;

import com.claimledger.ledger.replay.ReplayService;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * While projections are being rebuilt, reads of them answer 503 with Retry-After instead of a half-built view.
 * The event log, the stream and the replay status stay readable; writes go on (the ledger is not rebuilt).
 */
@Component
class ReplayGuard extends OncePerRequestFilter {

    private static final List<String> PROJECTION_READS = List.of("/api/views", "/api/claims", "/api/entities",
            "/api/articles", "/api/narrative");

    private final ReplayService replays;
    private final ObjectMapper json;

    ReplayGuard(ReplayService replays, ObjectMapper json) {
        this.replays = replays;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (!"GET".equals(request.getMethod()) || PROJECTION_READS.stream().noneMatch(path::startsWith)) {
            chain.doFilter(request, response);
            return;
        }
        Lock read = replays.gate().readLock();
        read.lock();
        try {
            if (replays.running()) {
                response.setHeader("Retry-After", "1");
                Problems.write(response, json, 503, "Service Unavailable",
                        "the projections are being rebuilt from the ledger; retry shortly");
                return;
            }
            chain.doFilter(request, response);
        } finally {
            read.unlock();
        }
    }
}
