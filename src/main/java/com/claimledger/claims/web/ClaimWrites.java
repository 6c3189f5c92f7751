package com.claimledger.claims.web;

import com.claimledger.claims.api.ClaimCommands.AmendClaim;
import com.claimledger.claims.api.ClaimCommands.CorroborateClaim;
import com.claimledger.claims.api.ClaimCommands.DisputeClaim;
import com.claimledger.claims.api.ClaimCommands.RecordClaim;
import com.claimledger.claims.api.ClaimCommands.RetractClaim;
import com.claimledger.claims.api.ClaimCommands.ReviewClaim;
import com.claimledger.claims.api.ClaimCommands.WithdrawDispute;
import com.claimledger.claims.api.ClaimLookup;
import com.claimledger.claims.api.Rating;
import com.claimledger.entities.api.EntityResolver;
import com.claimledger.shared.EventTime;
import com.claimledger.shared.LedgerException;
import com.claimledger.shared.Requests;
import com.claimledger.shared.Written;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Turns claim write requests (REST or dossier) into commands: resolves entity names (registering unknown ones),
 * parses times, and checks that the claims named exist. The caller owns the transaction.
 */
@Component
public class ClaimWrites {

    public record NewClaim(@Pattern(regexp = Requests.ID_PATTERN) String id,
                           @NotBlank @Size(max = 100) String articleId,
                           @NotBlank @Size(max = 4000) String statement,
                           @Size(max = 4000) String quote,
                           @NotBlank @Size(max = 200) String attributedTo,
                           @Size(max = 50) List<@NotBlank @Size(max = 200) String> subjects,
                           @Size(max = 100) String topic,
                           String assertedAt,
                           @Valid EventTime eventTime) {
    }

    public record NewDispute(@NotBlank @Size(max = 100) String byClaim, @Size(max = 4000) String reason, String at) {
    }

    public record Withdrawal(@NotBlank @Size(max = 4000) String reason, String at) {
    }

    public record NewCorroboration(@NotBlank @Size(max = 100) String byClaim, @Size(max = 4000) String note, String at) {
    }

    public record NewAmendment(@NotBlank @Size(max = 4000) String statement, @Size(max = 4000) String quote,
                               @NotBlank @Size(max = 4000) String reason, String at) {
    }

    public record NewRetraction(@NotBlank @Size(max = 4000) String reason, @Size(max = 200) String retractedBy,
                                String at) {
    }

    public record NewReview(@NotNull Rating rating, @NotBlank @Size(max = 4000) String explanation,
                            @Size(max = 200) String reviewer) {
    }

    private final CommandGateway commands;
    private final ClaimLookup claims;
    private final EntityResolver entities;

    ClaimWrites(CommandGateway commands, ClaimLookup claims, EntityResolver entities) {
        this.commands = commands;
        this.claims = claims;
        this.entities = entities;
    }

    public Written<String> record(NewClaim request) {
        EventTime eventTime = request.eventTime();
        if (eventTime != null && eventTime.from() != null && eventTime.to() != null && eventTime.from().isAfter(eventTime.to())) {
            throw LedgerException.invalid("eventTime.to", "must not be before eventTime.from");
        }
        String id = Requests.idOrNew(request.id());
        boolean existed = claims.find(id).isPresent();
        String source = entities.resolveOrRegister(request.attributedTo());
        List<String> subjects = request.subjects() == null ? List.of()
                : request.subjects().stream().map(entities::resolveOrRegister).distinct().toList();
        commands.sendAndWait(new RecordClaim(id, request.articleId(), request.statement(), request.quote(), source,
                subjects, topic(request.topic()), Requests.pastChangeTime("assertedAt", request.assertedAt()), eventTime));
        return new Written<>(id, !existed);
    }

    public void dispute(String claimId, NewDispute request, Long expectedVersion, boolean idempotent) {
        requireClaim(claimId);
        commands.sendAndWait(new DisputeClaim(claimId, request.byClaim(), request.reason(),
                Requests.pastChangeTime("at", request.at()), expectedVersion, idempotent));
    }

    public void withdraw(String claimId, String byClaim, Withdrawal request, Long expectedVersion) {
        requireClaim(claimId);
        commands.sendAndWait(new WithdrawDispute(claimId, byClaim, request.reason(),
                Requests.pastChangeTime("at", request.at()), expectedVersion));
    }

    public void corroborate(String claimId, NewCorroboration request, Long expectedVersion, boolean idempotent) {
        requireClaim(claimId);
        commands.sendAndWait(new CorroborateClaim(claimId, request.byClaim(), request.note(),
                Requests.pastChangeTime("at", request.at()), expectedVersion, idempotent));
    }

    public void amend(String claimId, NewAmendment request, Long expectedVersion) {
        requireClaim(claimId);
        commands.sendAndWait(new AmendClaim(claimId, request.statement(), request.quote(), request.reason(),
                Requests.pastChangeTime("at", request.at()), expectedVersion));
    }

    public void retract(String claimId, NewRetraction request, Long expectedVersion, boolean idempotent) {
        requireClaim(claimId);
        String retractedBy = request.retractedBy() == null ? null : entities.resolveOrRegister(request.retractedBy());
        commands.sendAndWait(new RetractClaim(claimId, request.reason(), retractedBy,
                Requests.pastChangeTime("at", request.at()), expectedVersion, idempotent));
    }

    public void review(String claimId, NewReview request, Long expectedVersion) {
        requireClaim(claimId);
        commands.sendAndWait(new ReviewClaim(claimId, request.rating(), request.explanation(), request.reviewer(),
                expectedVersion));
    }

    private void requireClaim(String claimId) {
        if (claims.find(claimId).isEmpty()) {
            throw LedgerException.notFound("claim", claimId);
        }
    }

    private static String topic(String topic) {
        String given = Requests.optional(topic);
        return given == null ? null : given.strip();
    }
}
