package com.claimledger.articles.query;

import com.claimledger.articles.api.ArticleQueries.ArticlePage;
import com.claimledger.articles.api.ArticleQueries.FindArticle;
import com.claimledger.articles.api.ArticleQueries.ListArticles;
import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.ArticleView;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.ledger.projection.PageCursor;
import com.claimledger.ledger.projection.ProjectionDigest;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Articles as read. */
@Component
@ProcessingGroup(ArticleProjection.GROUP)
class ArticleProjection {

    static final String GROUP = "articles";

    private static final RowMapper<ArticleView> ROW = (rs, n) -> new ArticleView(rs.getString("article_id"),
            rs.getString("url"), rs.getString("title"), rs.getString("outlet"), Sql.instant(rs, "published_at"),
            rs.getString("author"), rs.getString("language"), rs.getString("text"),
            TimePrecision.valueOf(rs.getString("published_precision")));

    private final NamedParameterJdbcTemplate jdbc;

    ArticleProjection(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ArticleRecorded event) {
        jdbc.update("""
                insert into article_view (article_id, url, title, outlet, published_at, published_precision, author,
                                          language, text)
                values (:id, :url, :title, :outlet, :publishedAt, :precision, :author, :language, :text)""",
                new MapSqlParameterSource().addValue("id", event.articleId()).addValue("url", event.url())
                        .addValue("title", event.title()).addValue("outlet", event.outlet())
                        .addValue("publishedAt", Sql.utc(event.publishedAt())).addValue("author", event.author())
                        .addValue("language", event.language()).addValue("text", event.text())
                        .addValue("precision", event.publishedAtPrecision().name()));
    }

    @QueryHandler
    ProjectionDigest.Part digest(ProjectionDigest.Ask query) {
        return ProjectionDigest.of(GROUP, jdbc.getJdbcTemplate(), List.of(new ProjectionDigest.Table("article_view")));
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from article_view", Map.of());
    }

    @QueryHandler
    Optional<ArticleView> find(FindArticle query) {
        return jdbc.query("select * from article_view where article_id = :id", Map.of("id", query.articleId()), ROW)
                .stream().findFirst();
    }

    @QueryHandler
    ArticlePage list(ListArticles query) {
        var params = new MapSqlParameterSource().addValue("limit", query.limit() + 1);
        String after = "";
        if (query.cursor() != null) {
            List<String> key = PageCursor.decode(query.cursor(), 2);
            params.addValue("afterTime", Sql.utc(PageCursor.instant(key.get(0)))).addValue("afterId", key.get(1));
            after = " where published_at < :afterTime or (published_at = :afterTime and article_id > :afterId)";
        }
        List<ArticleView> rows = jdbc.query("select article_id, url, title, outlet, published_at, published_precision, author,"
                + " language, null as text from article_view" + after + " order by published_at desc, article_id limit :limit",
                params, ROW);
        List<ArticleView> items = rows.stream().limit(query.limit()).toList();
        String next = rows.size() > query.limit()
                ? PageCursor.encode(items.get(items.size() - 1).publishedAt().toString(), items.get(items.size() - 1).id())
                : null;
        return new ArticlePage(items, next);
    }
}
