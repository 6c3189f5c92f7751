package com.claimledger.articles.command;

import com.claimledger.articles.api.ArticleLookup;
import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.ledger.projection.Sql;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/** Recorded articles as the write side needs them, kept inside the writing transaction (subscribing processor). */
@Component
@ProcessingGroup(ArticleDirectory.GROUP)
class ArticleDirectory implements ArticleLookup {

    static final String GROUP = "article-directory";

    private final NamedParameterJdbcTemplate jdbc;

    ArticleDirectory(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ArticleRecorded event) {
        jdbc.update("insert into article_directory (article_id, published_at, text) values (:id, :publishedAt, :text)",
                new MapSqlParameterSource().addValue("id", event.articleId())
                        .addValue("publishedAt", Sql.utc(event.publishedAt())).addValue("text", event.text()));
    }

    @Override
    public Optional<ArticleFacts> find(String articleId) {
        return jdbc.query("select article_id, published_at, text from article_directory where article_id = :id", Map.of("id", articleId),
                (rs, n) -> new ArticleFacts(rs.getString("article_id"), Sql.instant(rs, "published_at"), rs.getString("text")))
                .stream().findFirst();
    }
}
