package com.claimledger.ledger.integrity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class HeadSignerTest {

    private static final byte[] ROOT = MerkleTree.nodeHash(MerkleTree.leafHash(new byte[0]), MerkleTree.emptyRoot());
    private static final Instant AT = Instant.parse("2015-07-17T00:00:00Z");

    @Test
    void signedHeadVerifiesWithTheServedPublicKey() {
        HeadSigner signer = HeadSigner.generate();
        SignedHead head = signer.sign(2, ROOT, AT);

        assertThat(head.rootHash()).isEqualTo(HexFormat.of().formatHex(ROOT));
        assertThat(head.timestamp()).isEqualTo("2015-07-17T00:00:00Z");
        assertThat(head.signedText()).isEqualTo("2\n" + HexFormat.of().formatHex(ROOT) + "\n2015-07-17T00:00:00Z");
        assertThat(head.publicKey()).isEqualTo(signer.publicKeyBase64());
        assertThat(Base64.getDecoder().decode(head.signature())).hasSize(64);
        assertThat(HeadSigner.verify(head, signer.publicKeyBase64())).isTrue();
    }

    /** SubjectPublicKeyInfo of an Ed25519 key is a fixed 12-byte header plus the raw key (RFC 8410). */
    @Test
    void publicKeyIsX509SubjectPublicKeyInfo() {
        byte[] encoded = Base64.getDecoder().decode(HeadSigner.generate().publicKeyBase64());
        assertThat(encoded).hasSize(44);
        assertThat(HexFormat.of().formatHex(encoded, 0, 12)).isEqualTo("302a300506032b6570032100");
    }

    @Test
    void anyTamperingFailsVerification() {
        HeadSigner signer = HeadSigner.generate();
        String key = signer.publicKeyBase64();
        SignedHead head = signer.sign(7, ROOT, AT);
        String otherRoot = HexFormat.of().formatHex(MerkleTree.emptyRoot());

        assertThat(HeadSigner.verify(new SignedHead(8, head.rootHash(), head.timestamp(), head.signature(), key), key)).isFalse();
        assertThat(HeadSigner.verify(new SignedHead(7, otherRoot, head.timestamp(), head.signature(), key), key)).isFalse();
        assertThat(HeadSigner.verify(new SignedHead(7, head.rootHash(), "2015-07-17T00:00:01Z", head.signature(), key), key)).isFalse();
        // Same instant, other spelling: the signature covers the text, not the instant.
        assertThat(HeadSigner.verify(new SignedHead(7, head.rootHash(), "2015-07-17T00:00:00.000Z", head.signature(), key), key)).isFalse();

        byte[] signature = Base64.getDecoder().decode(head.signature());
        signature[10] ^= 1;
        String flipped = Base64.getEncoder().encodeToString(signature);
        assertThat(HeadSigner.verify(new SignedHead(7, head.rootHash(), head.timestamp(), flipped, key), key)).isFalse();
        assertThat(HeadSigner.verify(new SignedHead(7, head.rootHash(), head.timestamp(), "not base64!", key), key)).isFalse();
        assertThat(HeadSigner.verify(head, "not a key")).isFalse();
    }

    @Test
    void aHeadSignedByAnotherKeyIsNotTrustedEvenIfItNamesThatKey() {
        HeadSigner ledger = HeadSigner.generate();
        HeadSigner impostor = HeadSigner.generate();
        SignedHead forged = impostor.sign(7, ROOT, AT);
        assertThat(HeadSigner.verify(forged, forged.publicKey())).isTrue();
        assertThat(HeadSigner.verify(forged, ledger.publicKeyBase64())).isFalse();
    }

    @Test
    void malformedHeadsAreRefused() {
        String key = HeadSigner.generate().publicKeyBase64();
        String upper = HexFormat.of().withUpperCase().formatHex(ROOT);
        assertThatThrownBy(() -> new SignedHead(1, upper, "2015-07-17T00:00:00Z", "", key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedHead(-1, HexFormat.of().formatHex(ROOT), "2015-07-17T00:00:00Z", "", key))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SignedHead(1, HexFormat.of().formatHex(ROOT), "2015-07-17", "", key))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void savedKeyReloadsAndStillVerifiesOldHeads(@TempDir Path directory) throws IOException {
        Path keys = directory.resolve("keys");
        HeadSigner original = HeadSigner.loadOrCreate(keys);
        SignedHead before = original.sign(3, ROOT, AT);

        HeadSigner reloaded = HeadSigner.loadOrCreate(keys);
        assertThat(reloaded.publicKeyBase64()).isEqualTo(original.publicKeyBase64());
        assertThat(HeadSigner.verify(before, reloaded.publicKeyBase64())).isTrue();
        SignedHead after = reloaded.sign(4, ROOT, AT.plusSeconds(1));
        assertThat(HeadSigner.verify(after, original.publicKeyBase64())).isTrue();

        assertThat(Base64.getEncoder().encodeToString(Files.readAllBytes(keys.resolve(HeadSigner.PUBLIC_KEY_FILE))))
                .isEqualTo(original.publicKeyBase64());
        try (var files = Files.list(keys)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(HeadSigner.PRIVATE_KEY_FILE, HeadSigner.PUBLIC_KEY_FILE);
        }
    }

    @Test
    void keyFilesAreOwnerOnly(@TempDir Path directory) throws IOException {
        assumeThat(Files.getFileStore(directory).supportsFileAttributeView("posix")).isTrue();
        HeadSigner.generate().save(directory);
        for (String name : new String[] {HeadSigner.PRIVATE_KEY_FILE, HeadSigner.PUBLIC_KEY_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(name))))
                    .as(name).isEqualTo("rw-------");
        }
    }

    @Test
    void anExistingKeyIsNeverOverwrittenNorHalfAPairUsed(@TempDir Path directory) throws IOException {
        HeadSigner.generate().save(directory);
        assertThatThrownBy(() -> HeadSigner.generate().save(directory)).isInstanceOf(IOException.class);

        Files.delete(directory.resolve(HeadSigner.PRIVATE_KEY_FILE));
        assertThatThrownBy(() -> HeadSigner.loadOrCreate(directory)).isInstanceOf(IOException.class);
    }

    @Test
    void filesOfTwoDifferentPairsAreRefused(@TempDir Path first, @TempDir Path second) throws IOException {
        HeadSigner.generate().save(first);
        HeadSigner.generate().save(second);
        Files.delete(first.resolve(HeadSigner.PUBLIC_KEY_FILE));
        Files.copy(second.resolve(HeadSigner.PUBLIC_KEY_FILE), first.resolve(HeadSigner.PUBLIC_KEY_FILE));
        assertThatThrownBy(() -> HeadSigner.load(first)).isInstanceOf(IOException.class);
    }
}
