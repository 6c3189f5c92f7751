package com.claimledger.dossier;

import com.claimledger.articles.api.ArticleWrites.NewArticle;
import com.claimledger.claims.api.ClaimWrites.NewClaim;
import com.claimledger.claims.api.Rating;
import com.claimledger.entities.api.EntityWrites.NewEntity;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A case file to import whole: entities, articles, claims, the relations between claims and the retractions, each
 * element with the fields of the matching single write. {@code note} says where the dossier comes from.
 * <p>
 * Beyond SPEC's five lists, four optional ones carry what a ledger export needs to move a whole narrative:
 * {@code aliases} (names added after registration; an alias naming another entity merges it), {@code withdrawals} of
 * disputes, {@code amendments} and {@code reviews}, each with its original time {@code at}.
 */
public record Dossier(@Size(max = 10_000) String note,
                      @Size(max = 10_000) List<@NotNull @Valid NewEntity> entities,
                      @Size(max = 10_000) List<@NotNull @Valid Alias> aliases,
                      @Size(max = 10_000) List<@NotNull @Valid NewArticle> articles,
                      @Size(max = 10_000) List<@NotNull @Valid NewClaim> claims,
                      @Size(max = 10_000) List<@NotNull @Valid Relation> relations,
                      @Size(max = 10_000) List<@NotNull @Valid Withdrawal> withdrawals,
                      @Size(max = 10_000) List<@NotNull @Valid Amendment> amendments,
                      @Size(max = 10_000) List<@NotNull @Valid Retraction> retractions,
                      @Size(max = 10_000) List<@NotNull @Valid Review> reviews) {

    /** A dossier of SPEC's five lists. */
    public Dossier(String note, List<NewEntity> entities, List<NewArticle> articles, List<NewClaim> claims,
                   List<Relation> relations, List<Retraction> retractions) {
        this(note, entities, null, articles, claims, relations, null, null, retractions, null);
    }

    public enum RelationType {
        DISPUTES, CORROBORATES
    }

    /** {@code byClaim} disputes or corroborates {@code claim}. */
    @Schema(name = "DossierRelation")
    public record Relation(@NotNull RelationType type, @NotBlank String claim, @NotBlank String byClaim,
                           @Size(max = 4000) String reason, String at) {
    }

    @Schema(name = "DossierRetraction")
    public record Retraction(@NotBlank String claim, @NotBlank @Size(max = 4000) String reason,
                             @Size(max = 200) String retractedBy, String at) {
    }

    /** {@code alias} added to {@code entity} (an id); if it names another entity, that one is merged into this one. */
    @Schema(name = "DossierAlias")
    public record Alias(@NotBlank @Size(max = 100) String entity, @NotBlank @Size(max = 200) String alias) {
    }

    /** The dispute of {@code claim} by {@code byClaim} withdrawn. */
    @Schema(name = "DossierWithdrawal")
    public record Withdrawal(@NotBlank String claim, @NotBlank String byClaim, @NotBlank @Size(max = 4000) String reason,
                             String at) {
    }

    @Schema(name = "DossierAmendment")
    public record Amendment(@NotBlank String claim, @NotBlank @Size(max = 4000) String statement,
                            @Size(max = 4000) String quote, @NotBlank @Size(max = 4000) String reason, String at) {
    }

    /** {@code at}: when the review was published (absent: when it is imported). */
    @Schema(name = "DossierReview")
    public record Review(@NotBlank String claim, @NotNull Rating rating, @NotBlank @Size(max = 4000) String explanation,
                         @Size(max = 200) String reviewer, String at) {
    }

    /** How many elements of each kind were applied, and how many ledger entries that added (0 for a repeat). */
    public record Counts(int entities, int aliases, int articles, int claims, int relations, int withdrawals,
                         int amendments, int retractions, int reviews, long recorded) {
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
