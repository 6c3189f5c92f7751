package com.claimledger.articles.command;

import com.claimledger.articles.api.ArticleRecorded;
import com.claimledger.articles.api.RecordArticle;
import com.claimledger.kernel.CreateOrRepeat;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One publication. Immutable once recorded: a repeat with the same content is accepted, any other is a conflict. */
@Aggregate
public class Article {

    @AggregateIdentifier
    private String articleId;
    private ArticleRecorded recorded;

    protected Article() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordArticle command) {
        ArticleRecorded event = new ArticleRecorded(command.articleId(), command.url(), command.title(), command.outlet(),
                command.publishedAt(), command.author(), command.language(), command.text(),
                command.publishedAtPrecision());
        if (CreateOrRepeat.isNew(recorded, event, CreateOrRepeat.otherContent("article", command.articleId()))) {
            apply(event);
        }
    }

    @EventSourcingHandler
    void on(ArticleRecorded event) {
        articleId = event.articleId();
        recorded = event;
    }
}
