package com.claimledger.articles.upcasting;

import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.support.ApiTest;
import com.claimledger.support.Http;
import com.claimledger.support.TestDatabase;
import com.claimledger.support.Http.Response;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.util.FileSystemUtils;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored in revision 1 of ArticleRecorded, before publishedAtPrecision existed, still read everywhere. The old
 * events are put straight into the event store (without the ledger entries an old version appended with them), which
 * the ledger's verification rightly reports: so this test has a data directory of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ledger.data-dir=target/test-data/upcaster",
        "ledger.seed.enabled=false",
        "ledger.security.editors=editor:" + Http.EDITOR,
        "ledger.security.admins=admin:" + Http.ADMIN
})
@DirtiesContext
class ArticleRecordedUpcasterTest extends ApiTest {

    static {
        FileSystemUtils.deleteRecursively(Path.of("target/test-data/upcaster").toFile());
    }

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventStore eventStore;

    @Test
    void revisionOneEventsAreReadAsRevisionTwo() throws Exception {
        storeRevisionOne("old-day", "2014-03-01T00:00:00Z");
        storeRevisionOne("old-instant", "2014-03-01T09:30:00Z");

        ArticleRecorded day = (ArticleRecorded) eventStore.readEvents("old-day").next().getPayload();
        assertThat(day.publishedAtPrecision()).isEqualTo(TimePrecision.DAY);
        assertThat(day.title()).isEqualTo("Old article old-day");
        ArticleRecorded instant = (ArticleRecorded) eventStore.readEvents("old-instant").next().getPayload();
        assertThat(instant.publishedAtPrecision()).isEqualTo(TimePrecision.INSTANT);

        // The projection reads the old event through the upcaster too ...
        Response article = http.get("/api/articles/old-day");
        for (int i = 0; i < 200 && article.status() == 404; i++) {
            Thread.sleep(20);
            article = http.get("/api/articles/old-day");
        }
        assertThat(article.json().get("publishedAtPrecision").asText()).isEqualTo("DAY");
        // ... and so does the aggregate: an identical repeat recognises the stored, upcast event and records nothing.
        long size = http.ledgerSize();
        Response repeat = http.post("/api/articles", Map.of("id", "old-day", "url", "https://old.example/old-day",
                "title", "Old article old-day", "outlet", "Old Outlet", "publishedAt", "2014-03-01"));
        assertThat(repeat.status()).isBetween(200, 201);
        assertThat(http.ledgerSize()).isEqualTo(size);
        Response conflicting = http.post("/api/articles", Map.of("id", "old-day", "url", "https://old.example/old-day",
                "title", "Old article old-day", "outlet", "Old Outlet", "publishedAt", "2014-03-01T00:00:00Z"));
        assertThat(conflicting.status()).as("an instant is not the day the old event was upcast to").isEqualTo(409);
    }

    private void storeRevisionOne(String id, String publishedAt) {
        String payload = """
                {"articleId":"%s","url":"https://old.example/%s","title":"Old article %s","outlet":"Old Outlet",\
                "publishedAt":"%s","author":null,"language":null,"text":null}""".formatted(id, id, id, publishedAt);
        Long index = jdbc.queryForObject(TestDatabase.postgres() ? "select nextval('domain_event_entry_seq')"
                : "select next value for domain_event_entry_seq", Long.class);
        jdbc.update("""
                insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, event_identifier,
                    payload_revision, payload_type, time_stamp, type, meta_data, payload)
                values (?, 0, ?, ?, '1', ?, '2014-03-02T00:00:00Z', 'Article', ?, ?)""",
                index, id, UUID.randomUUID().toString(), ArticleRecorded.class.getName(),
                "{}".getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }
}
