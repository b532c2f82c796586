package org.pilegate.session.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.VehicleId;

/**
 * Issues and redeems the tokens of association prompts: HMAC-SHA256 signed, bound to pile, vehicle and prompt
 * time, expiring, and accepted once. Wire form: {@code base64url(payload) "." base64url(mac)} where the payload is
 * {@code "1" "." tokenId "." pile "." base64url(vehicle) "." promptedAtMillis "." expiresAtMillis}.
 */
final class AssociationTokens {

    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "1";
    private static final int MAX_TOKEN_CHARS = 512;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;
    private final UsedTokens usedTokens;
    private final SecureRandom random = new SecureRandom();

    AssociationTokens(byte[] key, Clock clock, UsedTokens usedTokens) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the token key must have at least " + MIN_KEY_BYTES + " bytes, not "
                    + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usedTokens = Objects.requireNonNull(usedTokens, "usedTokens");
    }

    String issue(PileId pile, Optional<VehicleId> vehicle, Instant promptedAt, Duration lifetime) {
        byte[] id = new byte[16];
        random.nextBytes(id);
        String payload = String.join(".", VERSION, BASE64.encodeToString(id), pile.value(),
                BASE64.encodeToString(vehicle.map(VehicleId::value).orElse("").getBytes(StandardCharsets.US_ASCII)),
                Long.toString(promptedAt.toEpochMilli()), Long.toString(promptedAt.plus(lifetime).toEpochMilli()));
        byte[] payloadBytes = payload.getBytes(StandardCharsets.US_ASCII);
        return BASE64.encodeToString(payloadBytes) + "." + BASE64.encodeToString(sign(payloadBytes));
    }

    /**
     * Checks {@code token} for {@code pile} and uses it up.
     *
     * @throws TokenRejectedException if it is malformed, forged, for another pile, expired or used already
     */
    TokenClaims redeem(String token, PileId pile) throws TokenRejectedException {
        TokenClaims claims = verify(token);
        if (!claims.pile().equals(pile)) {
            throw new TokenRejectedException(TokenRejection.OTHER_PILE);
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw new TokenRejectedException(TokenRejection.EXPIRED);
        }
        if (!usedTokens.markUsed(claims.tokenId(), claims.expiresAt())) {
            throw new TokenRejectedException(TokenRejection.REPLAYED);
        }
        return claims;
    }

    private TokenClaims verify(String token) throws TokenRejectedException {
        if (token == null || token.length() > MAX_TOKEN_CHARS) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = UNBASE64.decode(token.substring(0, dot));
            mac = UNBASE64.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        // constant-time, and before anything in the payload is believed
        if (!MessageDigest.isEqual(sign(payload), mac)) {
            throw new TokenRejectedException(TokenRejection.FORGED);
        }
        String[] fields = new String(payload, StandardCharsets.US_ASCII).split("\\.", -1);
        if (fields.length != 6 || !VERSION.equals(fields[0])) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        try {
            String vehicle = new String(UNBASE64.decode(fields[3]), StandardCharsets.US_ASCII);
            return new TokenClaims(fields[1], new PileId(fields[2]),
                    vehicle.isEmpty() ? Optional.empty() : Optional.of(new VehicleId(vehicle)),
                    Instant.ofEpochMilli(Long.parseLong(fields[4])), Instant.ofEpochMilli(Long.parseLong(fields[5])));
        } catch (IllegalArgumentException signedButUnreadable) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java platform provides " + ALGORITHM, e);
        }
    }
}
