package com.claimledger.web.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens the ledger accepts, from {@code ledger.security.editors} / {@code ledger.security.admins}
 * ({@code name:token} pairs). With none configured, one editor+admin token is generated at first start into the data
 * directory (owner-only) and reused after. Tokens are compared by digest in constant time.
 */
@Component
public class TokenRegistry {

    public static final String EDITOR = "EDITOR";
    public static final String ADMIN = "ADMIN";
    static final String TOKEN_FILE = "admin-token";

    private static final Logger log = LoggerFactory.getLogger(TokenRegistry.class);

    record Principal(String name, Set<String> roles, byte[] digest) {
    }

    private final List<Principal> principals = new ArrayList<>();

    public TokenRegistry(@Value("${ledger.security.editors:}") List<String> editors,
                         @Value("${ledger.security.admins:}") List<String> admins,
                         @Value("${ledger.data-dir}") Path dataDir) {
        editors.stream().filter(s -> !s.isBlank()).forEach(pair -> add(pair, Set.of(EDITOR)));
        admins.stream().filter(s -> !s.isBlank()).forEach(pair -> add(pair, Set.of(EDITOR, ADMIN)));
        if (principals.isEmpty()) {
            principals.add(new Principal("admin", Set.of(EDITOR, ADMIN), digest(generatedToken(dataDir.resolve(TOKEN_FILE)))));
        } else if (principals.stream().noneMatch(principal -> principal.roles().contains(ADMIN))) {
            // Configuring editors switches the generated admin token off: say so, or the admin operations are a 403 mystery.
            log.warn("ledger.security.editors is set but ledger.security.admins is not: no token has the admin role, so"
                    + " replays, dead letters and /actuator/info and /actuator/metrics are refused to everyone");
        }
    }

    Optional<Principal> authenticate(String token) {
        byte[] candidate = digest(token);
        Principal match = null;
        for (Principal principal : principals) {
            if (MessageDigest.isEqual(principal.digest(), candidate)) {
                match = principal;
            }
        }
        return Optional.ofNullable(match);
    }

    private void add(String pair, Set<String> roles) {
        int colon = pair.indexOf(':');
        if (colon <= 0 || colon == pair.length() - 1) {
            throw new IllegalArgumentException("a ledger.security entry must be name:token");
        }
        principals.add(new Principal(pair.substring(0, colon).strip(), roles, digest(pair.substring(colon + 1).strip())));
    }

    private static String generatedToken(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            }
            log.info("No tokens configured: the editor+admin bearer token (principal 'admin') is in {}", file.toAbsolutePath());
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the token file " + file, e);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
