package org.pilegate.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.vehicle.VehicleId;

class AssociationTokensTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final PileId PILE = new PileId("bay-07");
    private static final Optional<VehicleId> VEHICLE = Optional.of(new VehicleId("DE.EVCC|42"));
    private static final Instant PROMPTED = Instant.parse("2026-11-26T08:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final UsedTokens usedTokens = (tokenId, expiresAt) -> used.add(tokenId);

    private AssociationTokens tokensAt(Instant now) {
        return new AssociationTokens(KEY, Clock.fixed(now, ZoneOffset.UTC), usedTokens);
    }

    @Test
    void validTokenIsRedeemedWithItsClaims() throws Exception {
        AssociationTokens tokens = tokensAt(PROMPTED.plusSeconds(30));
        String token = tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME);

        TokenClaims claims = tokens.redeem(token, PILE);

        assertEquals(PILE, claims.pile());
        assertEquals(VEHICLE, claims.vehicle());
        assertEquals(PROMPTED, claims.promptedAt());
        assertEquals(PROMPTED.plus(LIFETIME), claims.expiresAt());
    }

    @Test
    void tokenWithoutVehicleWorks() throws Exception {
        AssociationTokens tokens = tokensAt(PROMPTED);
        assertEquals(Optional.empty(), tokens.redeem(tokens.issue(PILE, Optional.empty(), PROMPTED, LIFETIME), PILE)
                .vehicle());
    }

    @Test
    void everyTokenIsDifferent() {
        AssociationTokens tokens = tokensAt(PROMPTED);
        assertNotEquals(tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME), tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME));
    }

    @Test
    void replayedTokenIsRefused() throws Exception {
        AssociationTokens tokens = tokensAt(PROMPTED);
        String token = tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME);
        tokens.redeem(token, PILE);

        assertEquals(TokenRejection.REPLAYED, rejection(tokens, token, PILE));
    }

    @Test
    void concurrentRedemptionsSucceedOnce() throws Exception {
        AssociationTokens tokens = tokensAt(PROMPTED);
        String token = tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                attempts.add(pool.submit(() -> {
                    try {
                        tokens.redeem(token, PILE);
                        accepted.incrementAndGet();
                    } catch (TokenRejectedException expected) {
                        // all but one are replays
                    }
                }));
            }
            for (Future<?> attempt : attempts) {
                attempt.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(1, accepted.get());
    }

    @Test
    void expiredTokenIsRefusedAndNotUsedUp() {
        String token = tokensAt(PROMPTED).issue(PILE, VEHICLE, PROMPTED, LIFETIME);

        assertEquals(TokenRejection.EXPIRED, rejection(tokensAt(PROMPTED.plus(LIFETIME)), token, PILE));
        assertEquals(Set.of(), used);
    }

    @Test
    void tokenForAnotherPileIsRefusedAndNotUsedUp() throws Exception {
        AssociationTokens tokens = tokensAt(PROMPTED);
        String token = tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME);

        assertEquals(TokenRejection.OTHER_PILE, rejection(tokens, token, new PileId("bay-08")));
        tokens.redeem(token, PILE);
    }

    @Test
    void tokenSignedWithAnotherKeyIsForged() {
        byte[] otherKey = KEY.clone();
        otherKey[0] ^= 1;
        String token = new AssociationTokens(otherKey, Clock.fixed(PROMPTED, ZoneOffset.UTC), usedTokens)
                .issue(PILE, VEHICLE, PROMPTED, LIFETIME);

        assertEquals(TokenRejection.FORGED, rejection(tokensAt(PROMPTED), token, PILE));
    }

    @Test
    void alteredPayloadIsForged() {
        AssociationTokens tokens = tokensAt(PROMPTED);
        String token = tokens.issue(PILE, VEHICLE, PROMPTED, LIFETIME);
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII);
        // push the expiry out by a year, keep the signature
        String[] fields = payload.split("\\.", -1);
        fields[5] = Long.toString(Long.parseLong(fields[5]) + Duration.ofDays(365).toMillis());
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                String.join(".", fields).getBytes(StandardCharsets.US_ASCII)) + "." + parts[1];

        assertEquals(TokenRejection.FORGED, rejection(tokens, tampered, PILE));
    }

    @Test
    void garbageIsMalformed() {
        AssociationTokens tokens = tokensAt(PROMPTED);
        for (String garbage : new String[] {"", "abc", "a.b.c", "!!!.???", "x".repeat(600)}) {
            assertEquals(TokenRejection.MALFORMED, rejection(tokens, garbage, PILE), garbage);
        }
        assertEquals(TokenRejection.MALFORMED, rejection(tokens, null, PILE));
    }

    @Test
    void shortKeyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AssociationTokens(new byte[16], Clock.systemUTC(), usedTokens));
        assertEquals("the token key must have at least 32 bytes, not 16", e.getMessage());
    }

    private static TokenRejection rejection(AssociationTokens tokens, String token, PileId pile) {
        return assertThrows(TokenRejectedException.class, () -> tokens.redeem(token, pile)).reason();
    }
}
