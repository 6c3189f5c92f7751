package com.claimledger.claims.command;

import com.claimledger.claims.api.ClaimCommands.AmendClaim;
import com.claimledger.claims.api.ClaimCommands.CorroborateClaim;
import com.claimledger.claims.api.ClaimCommands.DisputeClaim;
import com.claimledger.claims.api.ClaimCommands.RecordClaim;
import com.claimledger.claims.api.ClaimCommands.RetractClaim;
import com.claimledger.claims.api.ClaimCommands.ReviewClaim;
import com.claimledger.claims.api.ClaimCommands.WithdrawDispute;
import com.claimledger.claims.api.ClaimLookup;
import com.claimledger.claims.api.ClaimWrites;
import com.claimledger.entities.api.EntityResolver;
import com.claimledger.kernel.Ids;
import com.claimledger.kernel.LedgerException;
import com.claimledger.kernel.Written;
import com.claimledger.ledger.api.LedgerWrites;
import com.claimledger.time.EventTime;
import com.claimledger.time.TimePoints;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns claim write requests into commands: resolves entity names (registering unknown ones), parses times, and
 * checks that the claims named exist, each request as one ledger write.
 */
@Service
class ClaimWriteService implements ClaimWrites {

    private final LedgerWrites ledger;
    private final CommandGateway commands;
    private final ClaimLookup claims;
    private final EntityResolver entities;
    private final Clock clock;

    ClaimWriteService(LedgerWrites ledger, CommandGateway commands, ClaimLookup claims, EntityResolver entities,
                      Clock clock) {
        this.ledger = ledger;
        this.commands = commands;
        this.claims = claims;
        this.entities = entities;
        this.clock = clock;
    }

    @Override
    public Written<String> record(NewClaim request) {
        EventTime eventTime = request.eventTime();
        if (eventTime != null && eventTime.from() != null && eventTime.to() != null && eventTime.from().isAfter(eventTime.to())) {
            throw LedgerException.invalid("eventTime.to", "must not be before eventTime.from");
        }
        String id = Ids.orNew(request.id());
        Instant assertedAt = pastTime("assertedAt", request.assertedAt());
        return ledger.write(() -> {
            String source = entities.resolveOrRegister(request.attributedTo());
            List<String> subjects = request.subjects() == null ? List.of()
                    : request.subjects().stream().map(entities::resolveOrRegister).distinct().toList();
            return ledger.createOrRepeat(id, new RecordClaim(id, request.articleId(), request.statement(),
                    request.quote(), source, subjects, topic(request.topic()), assertedAt, eventTime, request.proposal()));
        });
    }

    @Override
    public Written<String> dispute(String claimId, NewDispute request, Long expectedVersion) {
        Instant at = pastTime("at", request.at());
        return ledger.write(() -> {
            requireClaim(claimId);
            return ledger.createOrRepeat(claimId, new DisputeClaim(claimId, request.byClaim(), request.reason(), at,
                    expectedVersion, true));
        });
    }

    @Override
    public void withdraw(String claimId, String byClaim, Withdrawal request, Long expectedVersion) {
        Instant at = pastTime("at", request.at());
        change(claimId, new WithdrawDispute(claimId, byClaim, request.reason(), at, expectedVersion));
    }

    @Override
    public Written<String> corroborate(String claimId, NewCorroboration request, Long expectedVersion) {
        Instant at = pastTime("at", request.at());
        return ledger.write(() -> {
            requireClaim(claimId);
            return ledger.createOrRepeat(claimId, new CorroborateClaim(claimId, request.byClaim(), request.note(), at,
                    expectedVersion, true));
        });
    }

    @Override
    public void amend(String claimId, NewAmendment request, Long expectedVersion) {
        Instant at = pastTime("at", request.at());
        change(claimId, new AmendClaim(claimId, request.statement(), request.quote(), request.reason(), at, expectedVersion));
    }

    @Override
    public void retract(String claimId, NewRetraction request, Long expectedVersion, boolean repeatable) {
        Instant at = pastTime("at", request.at());
        ledger.write(() -> {
            requireClaim(claimId);
            String retractedBy = request.retractedBy() == null ? null : entities.resolveOrRegister(request.retractedBy());
            commands.sendAndWait(new RetractClaim(claimId, request.reason(), retractedBy, at, expectedVersion, repeatable));
            return claimId;
        });
    }

    @Override
    public void review(String claimId, NewReview request, Long expectedVersion) {
        change(claimId, new ReviewClaim(claimId, request.rating(), request.explanation(), request.reviewer(),
                expectedVersion));
    }

    @Override
    public Written<String> disputeOnce(String claimId, NewDispute request) {
        Instant at = pastTime("at", request.at());
        return ledger.write(() -> {
            requireClaim(claimId);
            return ledger.createOrRepeat(claimId, new DisputeClaim(claimId, request.byClaim(), request.reason(), at,
                    null, true, true));
        });
    }

    @Override
    public void withdrawOnce(String claimId, String byClaim, Withdrawal request) {
        Instant at = pastTime("at", request.at());
        change(claimId, new WithdrawDispute(claimId, byClaim, request.reason(), at, null, true));
    }

    @Override
    public void amendOnce(String claimId, NewAmendment request) {
        Instant at = pastTime("at", request.at());
        change(claimId, new AmendClaim(claimId, request.statement(), request.quote(), request.reason(), at, null, true));
    }

    @Override
    public void reviewOnce(String claimId, NewReview request, String at) {
        change(claimId, new ReviewClaim(claimId, request.rating(), request.explanation(), request.reviewer(),
                pastTime("at", at), null, true));
    }

    /** One change to an existing claim. */
    private void change(String claimId, Object command) {
        ledger.write(() -> {
            requireClaim(claimId);
            commands.sendAndWait(command);
            return claimId;
        });
    }

    private void requireClaim(String claimId) {
        if (claims.find(claimId).isEmpty()) {
            throw LedgerException.notFound("claim", claimId);
        }
    }

    private Instant pastTime(String field, String value) {
        return TimePoints.pastChangeTime(field, value, clock);
    }

    private static String topic(String topic) {
        return topic == null || topic.isBlank() ? null : topic.strip();
    }
}
