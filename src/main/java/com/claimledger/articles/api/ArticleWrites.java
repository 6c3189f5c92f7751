package com.claimledger.articles.api;

import com.claimledger.kernel.Ids;
import com.claimledger.kernel.Written;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The articles module's write face: REST, dossier import and the command line all record articles through it. */
public interface ArticleWrites {

    record NewArticle(@Pattern(regexp = Ids.PATTERN) String id,
                      @NotBlank @Size(max = 2000) String url,
                      @NotBlank @Size(max = 500) String title,
                      @NotBlank @Size(max = 200) String outlet,
                      @NotBlank String publishedAt,
                      @Size(max = 200) String author,
                      @Size(max = 35) String language,
                      @Size(max = 1_000_000) String text) {
    }

    /** Records the article, or accepts an identical repeat; the id and whether this call created it. */
    Written<String> record(NewArticle request);
}
