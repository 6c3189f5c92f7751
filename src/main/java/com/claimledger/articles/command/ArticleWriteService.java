package com.claimledger.articles.command;

import com.claimledger.articles.api.ArticleWrites;
import com.claimledger.articles.api.RecordArticle;
import com.claimledger.articles.api.TimePrecision;
import com.claimledger.kernel.Ids;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.Written;
import com.claimledger.ledger.api.LedgerWrites;
import com.claimledger.time.TimePoints;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Locale;

@Service
class ArticleWriteService implements ArticleWrites {

    private final LedgerWrites ledger;
    private final Clock clock;

    ArticleWriteService(LedgerWrites ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public Written<String> record(NewArticle request) {
        requireHttpUrl(request.url());
        String id = Ids.orNew(request.id());
        return ledger.createOrRepeat(id, new RecordArticle(id, request.url().strip(), request.title().strip(),
                request.outlet().strip(), TimePoints.pastChangeTime("publishedAt", request.publishedAt(), clock),
                request.author(), request.language(), request.text(),
                TimePoints.isDate(request.publishedAt()) ? TimePrecision.DAY : TimePrecision.INSTANT));
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
