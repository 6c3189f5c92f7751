package com.claimledger.articles.command;

import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.RecordArticle;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.kernel.LedgerException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.claimledger.support.Refusals.kind;
import static org.hamcrest.Matchers.containsString;

class ArticleTest {

    private static final String ID = "iwpr-amirov";
    private static final Instant PUBLISHED = Instant.parse("2015-07-17T00:00:00Z");
    private static final String TEXT = "Amirov was killed in the raid, the GKNB said.";

    private static final RecordArticle RECORD = new RecordArticle(ID, "https://iwpr.net/amirov", "Amirov dead?",
            "IWPR", PUBLISHED, "A. Reporter", "en", TEXT, TimePrecision.DAY);
    private static final ArticleRecorded RECORDED = new ArticleRecorded(ID, "https://iwpr.net/amirov", "Amirov dead?",
            "IWPR", PUBLISHED, "A. Reporter", "en", TEXT, TimePrecision.DAY);

    private FixtureConfiguration<Article> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Article.class);
    }

    @Test
    void recordRecordsTheArticle() {
        fixture.givenNoPriorActivity()
                .when(RECORD)
                .expectSuccessfulHandlerExecution()
                .expectEvents(RECORDED);
    }

    @Test
    void recordWithOnlyTheRequiredFieldsKeepsTheOptionalOnesEmpty() {
        fixture.givenNoPriorActivity()
                .when(new RecordArticle("a2", "https://example.org/a2", "Title", "Outlet", PUBLISHED, null, null, null,
                        TimePrecision.INSTANT))
                .expectEvents(new ArticleRecorded("a2", "https://example.org/a2", "Title", "Outlet", PUBLISHED, null, null, null,
                        TimePrecision.INSTANT));
    }

    @Test
    void identicalRepeatRecordsNothing() {
        fixture.given(RECORDED)
                .when(RECORD)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void repeatWithAnotherTitleIsAConflict() {
        fixture.given(RECORDED)
                .when(new RecordArticle(ID, "https://iwpr.net/amirov", "Amirov alive?", "IWPR", PUBLISHED, "A. Reporter",
                        "en", TEXT, TimePrecision.DAY))
                .expectException(LedgerException.class)
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("article 'iwpr-amirov' already exists with other content"))
                .expectNoEvents();
    }

    @Test
    void repeatWithAnotherPublicationTimeIsAConflict() {
        fixture.given(RECORDED)
                .when(new RecordArticle(ID, "https://iwpr.net/amirov", "Amirov dead?", "IWPR",
                        PUBLISHED.plusSeconds(3600), "A. Reporter", "en", TEXT, TimePrecision.DAY))
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("already exists with other content"))
                .expectNoEvents();
    }

    @Test
    void repeatWithAnotherPrecisionIsAConflict() {
        fixture.given(RECORDED)
                .when(new RecordArticle(ID, "https://iwpr.net/amirov", "Amirov dead?", "IWPR", PUBLISHED, "A. Reporter",
                        "en", TEXT, TimePrecision.INSTANT))
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void repeatWithoutTheTextIsAConflict() {
        fixture.given(RECORDED)
                .when(new RecordArticle(ID, "https://iwpr.net/amirov", "Amirov dead?", "IWPR", PUBLISHED, "A. Reporter",
                        "en", null, TimePrecision.DAY))
                .expectException(kind(LedgerException.Kind.CONFLICT))
                .expectExceptionMessage(containsString("already exists with other content"))
                .expectNoEvents();
    }
}
