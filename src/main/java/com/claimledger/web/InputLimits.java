package com.claimledger.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Instant;

/**
 * What the ledger accepts as input at all: bodies up to {@code ledger.limits.max-body-bytes} (413 past it), JSON
 * nested at most {@code ledger.limits.max-json-depth} deep, and text without control characters (tab, line feed
 * and carriage return excepted), and no key twice in an object. These are rules of the API's input only: stored events
 * are read without them.
 */
@Configuration
public class InputLimits {

    /** Thrown while reading a body past the limit; {@link Problems} answers it with 413. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long limit) {
            super("the request body is larger than " + limit + " bytes", null, false, false);
        }
    }

    /** A string value with a control character; {@link Problems} names its field. */
    static final class ControlCharacter extends JsonMappingException {
        ControlCharacter(JsonParser parser) {
            super(parser, "must not contain control characters");
        }
    }

    /**
     * The rules apply to what arrives over HTTP, so they sit on the API's message converter: a copy of the
     * application's {@link ObjectMapper} (the same format, the same strictness about unknown fields and types) with the
     * text check, the depth limit and the duplicate keys' check added. The application's mapper itself stays without them, because Axon's event serializer is built from
     * it: a stored event is a permanent record, read back as written — a stricter rule later (a lower
     * {@code ledger.limits.max-json-depth}, say) or an event that reached the command bus without passing here must
     * never make the ledger unreadable to its aggregates and replays ({@code StoredEventsReadTest}).
     */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper ledgerFormat,
            @Value("${ledger.limits.max-json-depth:16}") int maxDepth) {
        SimpleModule text = new SimpleModule("ledger-text");
        text.addDeserializer(String.class, new StringDeserializer() {
            @Override
            public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String value = super.deserialize(parser, context);
                if (value != null && hasControl(value)) {
                    throw new ControlCharacter(parser);
                }
                return value;
            }
        });
        // The answers' instants written from their numbers (InstantText), the same text as Jackson's own.
        text.addSerializer(Instant.class, new InstantText());
        ObjectMapper input = ledgerFormat.copy().registerModule(text)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        input.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build());
        return new MappingJackson2HttpMessageConverter(input);
    }

    /**
     * Whether {@code text} holds a control character: a loop, not a stream of its characters — every string the
     * API's input holds passes here (a stream a string was 14% of a replay's event reader, thirty-eighth round in
     * docs/benchmarks.md, when stored events were read through this check too).
     */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }

    @Component
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class BodySizeLimit extends OncePerRequestFilter {

        private final long limit;
        private final ObjectMapper json;

        BodySizeLimit(@Value("${ledger.limits.max-body-bytes:1048576}") long limit, ObjectMapper json) {
            this.limit = limit;
            this.json = json;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getContentLengthLong() > limit) {
                Problems.write(response, json, 413, "Content Too Large", new BodyTooLarge(limit).getMessage());
                return;
            }
            chain.doFilter(new LimitedRequest(request, limit), response);
        }
    }

    /** Counts what is read of a body without a declared length (chunked) and stops at the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0 && ++read > limit) {
                        throw new BodyTooLarge(limit);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0 && (read += n) > limit) {
                        throw new BodyTooLarge(limit);
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
