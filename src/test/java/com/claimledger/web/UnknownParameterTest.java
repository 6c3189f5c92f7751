package com.claimledger.web;

import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.Http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A query parameter an endpoint does not know is a 400 naming it, on every read under /api; the parameters each
 * endpoint does know still work. The list of endpoints is checked against Spring MVC's own, so a new read cannot
 * slip past this test.
 */
class UnknownParameterTest extends ApiTest {

    private static final String CLAIM = "iwpr-ky-14-gknb-amirov-shot-in-raid";
    private static final String ARTICLE = "iwpr-kyrgyzstan-firefight";

    /** Every GET endpoint under /api, with a request using its known parameters and the status that request gets. */
    private static final Map<String, Sample> SAMPLES = samples();

    record Sample(String path, int status) {
    }

    private static Map<String, Sample> samples() {
        Map<String, Sample> samples = new LinkedHashMap<>();
        samples.put("/api/articles", new Sample("/api/articles?limit=5&cursor={cursor}", 200));
        samples.put("/api/articles/{id}", new Sample("/api/articles/" + ARTICLE, 200));
        samples.put("/api/entities", new Sample("/api/entities?q=GKNB&limit=5&cursor={cursor}", 200));
        samples.put("/api/entities/{id}", new Sample("/api/entities/gknb", 200));
        samples.put("/api/claims", new Sample("/api/claims?q=Amirov&subject=GKNB&source=GKNB&topic=amirov-fate&articleId=" + ARTICLE
                + "&status=DISPUTED&limit=5&cursor={cursor}", 200));
        samples.put("/api/claims/{id}", new Sample("/api/claims/" + CLAIM + "?asOf=2015-08-01&axis=published", 200));
        samples.put("/api/claims/{id}/history", new Sample("/api/claims/" + CLAIM + "/history", 200));
        samples.put("/api/claims/{id}/claim-reviews", new Sample("/api/claims/" + CLAIM + "/claim-reviews", 200));
        samples.put("/api/claims/{id}/claimreview", new Sample("/api/claims/" + CLAIM + "/claimreview", 200));
        samples.put("/api/export/claimreview", new Sample("/api/export/claimreview?limit=1&cursor={cursor}", 200));
        samples.put("/api/export/prov", new Sample("/api/export/prov?format=jsonld&asOf=2015-08-01&axis=published", 200));
        samples.put("/api/export/dossier", new Sample("/api/export/dossier", 200));
        samples.put("/api/views/current", new Sample("/api/views/current?asOf=2015-08-01&axis=published&subject=GKNB&source=GKNB"
                + "&topic=amirov-fate&limit=5&cursor={cursor}", 200));
        samples.put("/api/views/disputed", new Sample("/api/views/disputed?asOf=2015-08-01&axis=published&subject=GKNB"
                + "&topic=amirov-fate&limit=5&cursor={cursor}", 200));
        samples.put("/api/views/retracted", new Sample("/api/views/retracted?asOf=2015-08-01&axis=recorded&limit=5&cursor={cursor}", 200));
        samples.put("/api/views/checksum", new Sample("/api/views/checksum", 200));
        samples.put("/api/narrative/diff", new Sample("/api/narrative/diff?from=2015-07-01&to=2015-08-01&axis=published", 200));
        samples.put("/api/narrative/timeline", new Sample("/api/narrative/timeline?subject=GKNB&topic=amirov-fate", 200));
        samples.put("/api/events", new Sample("/api/events?after=0&limit=5", 200));
        samples.put("/api/ledger/head", new Sample("/api/ledger/head", 200));
        samples.put("/api/ledger/proofs/inclusion", new Sample("/api/ledger/proofs/inclusion?index=0&size=5", 200));
        samples.put("/api/ledger/proofs/consistency", new Sample("/api/ledger/proofs/consistency?from=2&to=5", 200));
        samples.put("/api/ledger/verify", new Sample("/api/ledger/verify", 200));
        samples.put("/api/claims/{id}/proof", new Sample("/api/claims/" + CLAIM + "/proof?size=50", 200));
        samples.put("/api/admin/dead-letters", new Sample("/api/admin/dead-letters", 200));
        samples.put("/api/entities/{id}/alias-suggestions", new Sample("/api/entities/gknb/alias-suggestions?limit=5", 200));
        samples.put("/api/entities/merge-suggestions", new Sample("/api/entities/merge-suggestions?limit=5", 200));
        // No such replay: the known request reaches the controller (404), an unknown parameter does not.
        samples.put("/api/admin/replay/{id}", new Sample("/api/admin/replay/no-such-replay", 404));
        // An event stream never ends: only the refusal is checked (LedgerStreamTest reads the stream itself).
        samples.put("/api/stream", new Sample("/api/stream", -1));
        return Collections.unmodifiableMap(samples);
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void theSamplesCoverEveryReadUnderApi() {
        TreeSet<String> reads = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            var methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty() || methods.contains(RequestMethod.GET)) {
                info.getPatternValues().stream().filter(p -> p.startsWith("/api/")).forEach(reads::add);
            }
        });
        assertThat(reads).isEqualTo(new TreeSet<>(SAMPLES.keySet()));
    }

    @Test
    void everyReadRefusesAnUnknownParameterAndNamesIt() {
        List<String> failures = new ArrayList<>();
        SAMPLES.forEach((pattern, sample) -> {
            String path = sample.path().replace("{cursor}", "") + (sample.path().contains("?") ? "&" : "?") + "colour=red";
            Response response = http.send("GET", path, null, Http.ADMIN);
            if (response.status() != 400 || !response.contentType().startsWith("application/problem+json")) {
                failures.add(pattern + " answered " + response.status());
                return;
            }
            JsonNode errors = response.json().get("errors");
            assertThat(errors.size()).as(pattern).isEqualTo(1);
            assertThat(errors.get(0).get("field").asText()).as(pattern).isEqualTo("colour");
            assertThat(errors.get(0).get("message").asText()).as(pattern).isEqualTo("unknown parameter");
            String detail = response.json().get("detail").asText();
            assertThat(detail).as(pattern).contains("'colour'").contains("accepts");
            for (String known : parameters(sample.path())) {
                assertThat(detail).as(pattern + " lists what it accepts").contains(known);
            }
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void everyReadStillAnswersItsKnownParameters() {
        SAMPLES.forEach((pattern, sample) -> {
            if (sample.status() > 0) {
                String path = withCursor(sample.path());
                Response response = http.send("GET", path, null, Http.ADMIN);
                assertThat(response.status()).as(path + " " + response.raw().body()).isEqualTo(sample.status());
            }
        });
    }

    @Test
    void misspelledFiltersAreNamed() {
        Response subject = http.get("/api/views/disputed?subjct=GKNB");
        assertThat(subject.status()).isEqualTo(400);
        assertThat(subject.json().get("errors").get(0).get("field").asText()).isEqualTo("subjct");
        assertThat(subject.json().get("detail").asText()).contains("subject", "topic", "asOf");

        Response asOf = http.get("/api/claims?asOf=garbage");
        assertThat(asOf.status()).as("/api/claims has no asOf").isEqualTo(400);
        assertThat(asOf.json().get("errors").get(0).get("field").asText()).isEqualTo("asOf");

        Response two = http.get("/api/claims?limit=5&sourse=GKNB&topik=amirov-fate");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().get("errors").toString()).contains("\"sourse\"", "\"topik\"");

        Response none = http.get("/api/views/checksum?asOf=2015-08-01");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().get("detail").asText()).contains("accepts no query parameters");
    }

    /** A list's cursor must be one the list handed out: its first page's {@code next}, or none without a second page. */
    private String withCursor(String path) {
        if (!path.contains("{cursor}")) {
            return path;
        }
        String first = path.replace("&cursor={cursor}", "");
        JsonNode next = http.get(first).json().get("next");
        return next == null || next.isNull() ? first : path.replace("{cursor}", Http.q(next.asText()));
    }

    private static List<String> parameters(String path) {
        List<String> names = new ArrayList<>();
        int query = path.indexOf('?');
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                names.add(pair.substring(0, pair.indexOf('=')));
            }
        }
        return names;
    }
}
