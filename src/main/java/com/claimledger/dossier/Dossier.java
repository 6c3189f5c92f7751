package com.claimledger.dossier;

import com.claimledger.articles.api.ArticleWrites.NewArticle;
import com.claimledger.claims.api.ClaimWrites.NewClaim;
import com.claimledger.entities.api.EntityWrites.NewEntity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A case file to import whole: entities, articles, claims, the relations between claims and the retractions, each
 * element with the fields of the matching single write. {@code note} says where the dossier comes from.
 */
public record Dossier(@Size(max = 10_000) String note,
                      @Size(max = 10_000) List<@NotNull @Valid NewEntity> entities,
                      @Size(max = 10_000) List<@NotNull @Valid NewArticle> articles,
                      @Size(max = 10_000) List<@NotNull @Valid NewClaim> claims,
                      @Size(max = 10_000) List<@NotNull @Valid Relation> relations,
                      @Size(max = 10_000) List<@NotNull @Valid Retraction> retractions) {

    public enum RelationType {
        DISPUTES, CORROBORATES
    }

    /** {@code byClaim} disputes or corroborates {@code claim}. */
    public record Relation(@NotNull RelationType type, @NotBlank String claim, @NotBlank String byClaim,
                           @Size(max = 4000) String reason, String at) {
    }

    public record Retraction(@NotBlank String claim, @NotBlank @Size(max = 4000) String reason,
                             @Size(max = 200) String retractedBy, String at) {
    }

    /** How many elements of each kind were applied, and how many ledger entries that added (0 for a repeat). */
    public record Counts(int entities, int articles, int claims, int relations, int retractions, long recorded) {
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
