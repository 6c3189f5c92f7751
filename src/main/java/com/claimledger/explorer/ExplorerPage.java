package com.claimledger.explorer;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the explorer's page at {@code /}. The page's state (date, axis, view, selected claim or entity) is in its
 * query string and read by the page's script, so this answers the same document whatever the query. Its scripts,
 * styles and icon are static resources under {@code /explorer/}; {@code /index.html} stays an unknown path.
 */
@Controller
class ExplorerPage {

    static final String PAGE = "static/explorer/index.html";

    /**
     * Only the page's own files may run or load, nothing inline, nothing from elsewhere: the ledger holds hostile
     * strings, and the page renders them as text; this is the second line of defence.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final byte[] page;

    ExplorerPage() {
        try (InputStream in = new ClassPathResource(PAGE).getInputStream()) {
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the explorer page " + PAGE + " is missing from the classpath", e);
        }
    }

    @GetMapping("/")
    ResponseEntity<byte[]> page() {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Referrer-Policy", "no-referrer")
                .body(page.clone());
    }
}
