package io.soleus.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints JWTs for tests the way an identity provider would: RS256-signed with a key pair made for
 * this JVM, whose public half services under test trust ({@link #publicKeyLocation()}). Nothing
 * secret is stored anywhere. A token is minted for a person: a client's or therapist's login has a
 * subject of its own ({@code sign-in-of-<id>}) and names the person in its {@code clientId} or
 * {@code therapistId} claim, as the platform's provider does, so no test passes by a subject that
 * happens to equal an id.
 */
public final class TestTokens {

    /** The issuer services under test trust ({@code soleus.security.jwt.issuer}). */
    public static final String ISSUER = "soleus-test-issuer";
    /** The audience every Soleus API requires. */
    public static final String AUDIENCE = "soleus-api";
    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    public static String admin() {
        return mint("admin-1", List.of("ADMIN"), List.of());
    }

    public static String therapist(String therapistId, String... clinicIds) {
        return mint(therapistId, List.of("THERAPIST"), List.of(clinicIds));
    }

    public static String client(String clientId) {
        return mint(clientId, List.of("CLIENT"), List.of());
    }

    /** A token of {@code person}: an admin's subject, or the id of the client or therapist the login is linked to. */
    public static String mint(String person, List<String> roles, List<String> clinics) {
        return mint(person, roles, clinics, Instant.now().plus(Duration.ofHours(1)));
    }

    public static String mint(String person, List<String> roles, List<String> clinics, Instant expiresAt) {
        return mint(person, roles, clinics, expiresAt, ISSUER, List.of(AUDIENCE));
    }

    /** A token as {@link #mint(String, List, List)}, but from another issuer or for other audiences: to be refused. */
    public static String mint(String person, List<String> roles, List<String> clinics, String issuer,
                              List<String> audiences) {
        return mint(person, roles, clinics, Instant.now().plus(Duration.ofHours(1)), issuer, audiences);
    }

    private static String mint(String person, List<String> roles, List<String> clinics, Instant expiresAt,
                               String issuer, List<String> audiences) {
        boolean linked = roles.contains("CLIENT") || roles.contains("THERAPIST");
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (roles.contains("CLIENT")) {
            builder.claim("clientId", person);
        }
        if (roles.contains("THERAPIST")) {
            builder.claim("therapistId", person);
        }
        JWTClaimsSet claims = builder
                .subject(linked ? "sign-in-of-" + person : person)
                .issuer(issuer)
                .audience(audiences)
                .issueTime(new Date())
                .expirationTime(Date.from(expiresAt))
                .claim("roles", roles)
                .claim("clinics", clinics)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A Spring resource location of the PEM public key, for {@code public-key-location}. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        try {
            Path file = Files.createTempFile("soleus-test-issuer", ".pem");
            file.toFile().deleteOnExit();
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
