package com.claimledger.ledger.integrity;

import com.claimledger.kernel.LedgerException;
import com.claimledger.ledger.log.LedgerTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Heads, proofs and verification over the stored tree. The signing key lives in {@code ledger.integrity.key-dir}
 * (the data directory unless configured): generated there with owner-only permissions at first start, or supplied
 * by placing a key pair there; it survives restarts.
 */
@Service
class IntegrityService implements LedgerIntegrity {

    private static final Logger log = LoggerFactory.getLogger(IntegrityService.class);
    private static final HexFormat HEX = HexFormat.of();

    private final LedgerTree tree;
    private final HeadSigner signer;
    private final Clock clock;
    private final DataSource dataSource;
    private final TransactionTemplate readOnly;
    private final RecentHead recent;

    IntegrityService(LedgerTree tree, Clock clock, DataSource dataSource, PlatformTransactionManager transactions,
                     @Value("${ledger.integrity.key-dir:${ledger.data-dir}}") Path keyDir,
                     @Value("${ledger.integrity.head-reuse:1s}") Duration headReuse) {
        this.tree = tree;
        this.clock = clock;
        this.recent = new RecentHead(headReuse);
        this.dataSource = dataSource;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        try {
            this.signer = HeadSigner.loadOrCreate(keyDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load or create the head signing key in " + keyDir, e);
        }
        log.info("Ledger heads are signed with Ed25519 public key {} (key in {})", signer.publicKeyBase64(), keyDir);
    }

    @Override
    public long size() {
        return tree.size();
    }

    @Override
    public SignedHead head() {
        return signed(tree.size());
    }

    @Override
    public SignedHead head(long size) {
        return signed(within("size", size, 0, tree.size()));
    }

    @Override
    public InclusionProof inclusion(long index) {
        long size = tree.size();
        return proof(index, within("size", size, 1, size));
    }

    @Override
    public InclusionProof inclusion(long index, long size) {
        return proof(index, within("size", size, 1, tree.size()));
    }

    @Override
    public List<InclusionProof> inclusions(List<Long> indexes, SignedHead head) {
        if (indexes.isEmpty()) {
            return List.of();
        }
        long checkedSize = within("size", head.size(), 1, Long.MAX_VALUE);
        indexes.forEach(index -> within("index", index, 0, checkedSize - 1));
        // Every proof's nodes in one read: a claim's proof holds one for each of its entries.
        TreeNodes nodes = tree.readAhead(read -> indexes.forEach(index -> path(read, index, checkedSize)));
        return indexes.stream().map(index -> path(nodes, index, checkedSize)).toList();
    }

    /** The proof of entry {@code index} in the ledger of {@code size} entries, a size already checked. */
    private InclusionProof proof(long index, long size) {
        long checkedIndex = within("index", index, 0, size - 1);
        return path(tree.readAhead(read -> path(read, checkedIndex, size)), checkedIndex, size);
    }

    /** The proof of entry {@code index} in the ledger of {@code size} entries, both checked, from {@code nodes}. */
    private static InclusionProof path(TreeNodes nodes, long index, long size) {
        return new InclusionProof(index, size, HEX.formatHex(MerkleTree.leaf(nodes, index)),
                hex(MerkleTree.inclusionPath(nodes, index, size)));
    }

    @Override
    public ConsistencyProof consistency(long from) {
        long to = tree.size();
        long checkedFrom = within("from", from, 0, to);
        return consistencyProof(checkedFrom, to);
    }

    @Override
    public ConsistencyProof consistency(long from, long to) {
        long checkedTo = within("to", to, 0, tree.size());
        long checkedFrom = within("from", from, 0, checkedTo);
        return consistencyProof(checkedFrom, checkedTo);
    }

    /** The consistency proof between two sizes already checked. */
    private ConsistencyProof consistencyProof(long from, long to) {
        TreeNodes nodes = tree.readAhead(read -> MerkleTree.consistencyPath(read, from, to));
        return new ConsistencyProof(from, to, hex(MerkleTree.consistencyPath(nodes, from, to)));
    }

    @Override
    public Verification verify() {
        return readOnly.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return new LedgerVerifier().verify(connection);
            } catch (SQLException e) {
                throw new IllegalStateException("the ledger could not be read for verification", e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
    }

    /** The signed head of {@code size} entries: the one signed last while it stands ({@link RecentHead}). */
    private SignedHead signed(long size) {
        return recent.of(size, clock.instant(), at -> signer.sign(size,
                MerkleTree.root(tree.readAhead(read -> MerkleTree.root(read, size)), size), at));
    }

    private static long within(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw LedgerException.invalid(field, max < min ? "the ledger is empty"
                    : "must be between " + min + " and " + max);
        }
        return value;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
