package com.claimledger.ledger.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Signs tree heads with the ledger's Ed25519 key (the JDK's own provider) and verifies them.
 *
 * <p>The key pair lives in a directory as {@value #PRIVATE_KEY_FILE} (PKCS#8 DER) and {@value #PUBLIC_KEY_FILE}
 * (X.509 SubjectPublicKeyInfo DER), readable by the owner only where the file system has POSIX permissions.
 */
public final class HeadSigner {

    public static final String ALGORITHM = "Ed25519";
    public static final String PRIVATE_KEY_FILE = "head-signing-key.pk8";
    public static final String PUBLIC_KEY_FILE = "head-signing-key.pub";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final KeyPair keys;

    private HeadSigner(KeyPair keys) {
        this.keys = keys;
    }

    /** A signer with a fresh key pair, not yet saved anywhere. */
    public static HeadSigner generate() {
        try {
            return new HeadSigner(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /**
     * The signer whose key pair is saved in {@code directory}, creating and saving one on first use.
     * Refuses a directory with only one of the two files: silently replacing a key would orphan every head
     * signed before.
     */
    public static HeadSigner loadOrCreate(Path directory) throws IOException {
        boolean hasPrivate = Files.exists(directory.resolve(PRIVATE_KEY_FILE));
        boolean hasPublic = Files.exists(directory.resolve(PUBLIC_KEY_FILE));
        if (hasPrivate || hasPublic) {
            return load(directory);
        }
        HeadSigner created = generate();
        try {
            created.save(directory);
            return created;
        } catch (FileAlreadyExistsException e) {
            return loadWhenComplete(directory);
        }
    }

    /** The key another process is saving at this moment: loaded once both of its files are there. */
    private static HeadSigner loadWhenComplete(Path directory) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(directory.resolve(PUBLIC_KEY_FILE)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the head signing key in " + directory);
            }
        }
        return load(directory);
    }

    /** The signer whose key pair is saved in {@code directory}; both files must be there and belong together. */
    public static HeadSigner load(Path directory) throws IOException {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            throw new IOException("incomplete head signing key in " + directory + ": need both "
                    + PRIVATE_KEY_FILE + " and " + PUBLIC_KEY_FILE);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            KeyPair keys = new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile))));
            HeadSigner signer = new HeadSigner(keys);
            signer.requireMatchingKeys(directory);
            return signer;
        } catch (InvalidKeySpecException e) {
            throw new IOException("unreadable head signing key in " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    /**
     * Writes both key files into {@code directory} (created if absent), owner read/write only. Never
     * overwrites an existing key file.
     */
    public void save(Path directory) throws IOException {
        Files.createDirectories(directory);
        // Private key first: a crash in between leaves a detectable half pair, never a public key without its secret.
        writeOwnerOnly(directory, PRIVATE_KEY_FILE, keys.getPrivate().getEncoded());
        writeOwnerOnly(directory, PUBLIC_KEY_FILE, keys.getPublic().getEncoded());
    }

    /** Base64 of the X.509 SubjectPublicKeyInfo encoding, as the API serves it. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Signs the head of a ledger of {@code size} entries with Merkle root {@code rootHash}, as of {@code at}. */
    public SignedHead sign(long size, byte[] rootHash, Instant at) {
        MerkleTree.requireHash(rootHash, "rootHash");
        return sign(size, HexFormat.of().formatHex(rootHash), at.toString());
    }

    /** Signs the head with the timestamp text exactly as it will be served. */
    public SignedHead sign(long size, String rootHashHex, String timestamp) {
        // Validate through the record before signing, so nothing malformed ever carries a signature.
        SignedHead unsigned = new SignedHead(size, rootHashHex, timestamp, "", publicKeyBase64());
        try {
            Signature ed25519 = Signature.getInstance(ALGORITHM);
            ed25519.initSign(keys.getPrivate());
            ed25519.update(unsigned.signedBytes());
            String signature = Base64.getEncoder().encodeToString(ed25519.sign());
            return new SignedHead(size, rootHashHex, timestamp, signature, unsigned.publicKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the head signing key", e);
        }
    }

    /**
     * Whether {@code head.signature()} is a valid Ed25519 signature of {@code head.signedText()} by the key
     * {@code trustedPublicKeyBase64}. The key inside the head is deliberately not trusted: anyone can sign
     * with their own key.
     */
    public static boolean verify(SignedHead head, String trustedPublicKeyBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(trustedPublicKeyBase64)));
            Signature ed25519 = Signature.getInstance(ALGORITHM);
            ed25519.initVerify(key);
            ed25519.update(head.signedBytes());
            return ed25519.verify(Base64.getDecoder().decode(head.signature()));
        } catch (IllegalArgumentException | InvalidKeySpecException | InvalidKeyException | SignatureException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no " + ALGORITHM, e);
        }
    }

    private void requireMatchingKeys(Path directory) throws IOException {
        byte[] probe = ("key pair check " + directory).getBytes(StandardCharsets.UTF_8);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(keys.getPrivate());
            signer.update(probe);
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(keys.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signer.sign())) {
                throw new IOException(PRIVATE_KEY_FILE + " and " + PUBLIC_KEY_FILE + " in " + directory
                        + " are not one key pair");
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("unusable head signing key in " + directory, e);
        }
    }

    // Written to a temporary file created with owner-only permissions (the umask can only remove bits), then
    // moved into place, so the key is never readable by others and never seen half written.
    private static void writeOwnerOnly(Path directory, String name, byte[] content) throws IOException {
        Path target = directory.resolve(name);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
        Path temporary = posix
                ? Files.createTempFile(directory, name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(directory, name, ".tmp", new FileAttribute<?>[0]);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(temporary, OWNER_ONLY);
            }
            // A hard link appears whole and only if the name is free: of several nodes creating the key at once,
            // one wins and the others load its key (a rename would silently replace it).
            try {
                Files.createLink(target, temporary);
            } catch (UnsupportedOperationException e) {
                Files.move(temporary, target);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
