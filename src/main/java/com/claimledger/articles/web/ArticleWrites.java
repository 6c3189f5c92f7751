package com.claimledger.articles.web;

import com.claimledger.articles.api.ArticleLookup;
import com.claimledger.articles.api.RecordArticle;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.shared.LedgerException;
import com.claimledger.shared.Requests;
import com.claimledger.shared.TimePoints;
import com.claimledger.shared.Written;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Turns article write requests (REST or dossier) into commands; the caller owns the transaction. */
@Component
public class ArticleWrites {

    public record NewArticle(@Pattern(regexp = Requests.ID_PATTERN) String id,
                             @NotBlank @Size(max = 2000) String url,
                             @NotBlank @Size(max = 500) String title,
                             @NotBlank @Size(max = 200) String outlet,
                             @NotBlank String publishedAt,
                             @Size(max = 200) String author,
                             @Size(max = 35) String language,
                             @Size(max = 1_000_000) String text) {
    }

    private final CommandGateway commands;
    private final ArticleLookup lookup;

    ArticleWrites(CommandGateway commands, ArticleLookup lookup) {
        this.commands = commands;
        this.lookup = lookup;
    }

    public Written<String> record(NewArticle request) {
        requireHttpUrl(request.url());
        String id = Requests.idOrNew(request.id());
        boolean existed = lookup.find(id).isPresent();
        commands.sendAndWait(new RecordArticle(id, request.url().strip(), request.title().strip(), request.outlet().strip(),
                Requests.pastChangeTime("publishedAt", request.publishedAt()), request.author(), request.language(),
                request.text(), TimePoints.isDate(request.publishedAt()) ? TimePrecision.DAY : TimePrecision.INSTANT));
        return new Written<>(id, !existed);
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw LedgerException.invalid("url", "must be an absolute http or https URL");
    }
}
