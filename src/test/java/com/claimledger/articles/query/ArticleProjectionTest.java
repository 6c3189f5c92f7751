package com.claimledger.articles.query;

import com.claimledger.articles.api.ArticleQueries.ArticlePage;
import com.claimledger.articles.api.ArticleQueries.FindArticle;
import com.claimledger.articles.api.ArticleQueries.ListArticles;
import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.ArticleView;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.support.ProjectionDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The article projection against a real database: an article as recorded, and the list newest first, page by page. */
class ArticleProjectionTest {

    private ProjectionDatabase db;
    private ArticleProjection projection;

    @BeforeEach
    void freshProjection() {
        db = ProjectionDatabase.fresh();
        projection = new ArticleProjection(db.jdbc());
    }

    @AfterEach
    void dropDatabase() {
        db.close();
    }

    private static ArticleRecorded article(String id, String publishedAt, TimePrecision precision) {
        return new ArticleRecorded(id, "https://example.org/" + id, "Title of " + id, "IWPR", Instant.parse(publishedAt),
                null, null, null, precision);
    }

    @Test
    void anArticleIsServedAsRecorded() {
        ArticleRecorded firefight = new ArticleRecorded("iwpr-firefight",
                "https://iwpr.net/global-voices/islamic-state-link-kyrgyzstan-firefight",
                "Islamic State Link to Kyrgyzstan Firefight", "IWPR", Instant.parse("2015-07-20T00:00:00Z"),
                "Timur Toktonaliev", "en", "He was among those shot dead during the raid.", TimePrecision.DAY);
        projection.on(firefight);

        assertThat(projection.find(new FindArticle("iwpr-firefight"))).contains(new ArticleView("iwpr-firefight",
                firefight.url(), firefight.title(), "IWPR", Instant.parse("2015-07-20T00:00:00Z"), "Timur Toktonaliev", "en",
                "He was among those shot dead during the raid.", TimePrecision.DAY));
        assertThat(projection.find(new FindArticle("no-such-article"))).isEmpty();
    }

    @Test
    void theListIsNewestFirstWithoutTextsAndItsPagesHaveNeitherDuplicatesNorOmissions() {
        projection.on(article("b", "2015-07-20T00:00:00Z", TimePrecision.DAY));
        projection.on(article("old", "2015-07-01T12:30:00.123Z", TimePrecision.INSTANT));
        projection.on(new ArticleRecorded("a", "https://example.org/a", "A", "RFE/RL", Instant.parse("2015-07-20T00:00:00Z"),
                "x", "ru", "full text", TimePrecision.INSTANT));
        projection.on(article("new", "2015-08-02T09:00:00Z", TimePrecision.INSTANT));
        projection.on(article("c", "2015-07-20T00:00:00Z", TimePrecision.DAY));

        List<String> all = List.of("new", "a", "b", "c", "old");
        ArticlePage whole = projection.list(new ListArticles(100, null));
        assertThat(whole.items()).extracting(ArticleView::id).containsExactlyElementsOf(all);
        assertThat(whole.items()).extracting(ArticleView::text).containsOnlyNulls();
        assertThat(whole.items().get(1).publishedAtPrecision()).isEqualTo(TimePrecision.INSTANT);
        assertThat(whole.items().get(2).publishedAtPrecision()).isEqualTo(TimePrecision.DAY);
        assertThat(whole.next()).isNull();

        for (int size = 1; size <= all.size() + 1; size++) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                ArticlePage page = projection.list(new ListArticles(size, cursor));
                assertThat(page.items().size()).isLessThanOrEqualTo(size);
                page.items().forEach(item -> seen.add(item.id()));
                cursor = page.next();
            } while (cursor != null && ++pages < 20);
            assertThat(seen).as("limit %d", size).containsExactlyElementsOf(all);
        }
    }

    @Test
    void theResetEmptiesTheTableAndTheDigestFollowsTheEvents() {
        projection.on(article("b", "2015-07-20T00:00:00Z", TimePrecision.DAY));
        ProjectionDatabase other = ProjectionDatabase.fresh();
        try {
            ArticleProjection same = new ArticleProjection(other.jdbc());
            same.on(article("b", "2015-07-20T00:00:00Z", TimePrecision.INSTANT));
            assertThat(same.digest(new ProjectionDigest.Ask())).as("the precision is content")
                    .isNotEqualTo(projection.digest(new ProjectionDigest.Ask()));
            same.reset();
            same.on(article("b", "2015-07-20T00:00:00Z", TimePrecision.DAY));
            assertThat(same.digest(new ProjectionDigest.Ask())).isEqualTo(projection.digest(new ProjectionDigest.Ask()));

            projection.reset();
            assertThat(db.count("article_view")).isZero();
            assertThat(projection.list(new ListArticles(10, null)).items()).isEmpty();
        } finally {
            other.close();
        }
    }
}
