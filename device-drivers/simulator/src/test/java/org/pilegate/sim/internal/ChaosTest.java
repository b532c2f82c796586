package org.pilegate.sim.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.pilegate.sim.Fault;

class ChaosTest {

    private static final int REQUESTS = 100_000;

    @Test
    void noneMeetsNoRequestWithAFault() {
        assertTrue(IntStream.range(0, REQUESTS).mapToObj(i -> Chaos.NONE.draw()).allMatch(Optional::isEmpty));
    }

    @Test
    void theRateIsTheShareOfRequestsFaultedAndTheFourKindsComeAlike() {
        Chaos chaos = new Chaos(0.05, new SplittableRandom(7));
        Map<Class<?>, Long> kinds = IntStream.range(0, REQUESTS).mapToObj(i -> chaos.draw()).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Fault::getClass, Collectors.counting()));

        long faulted = kinds.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(0.05 * REQUESTS, faulted, 0.005 * REQUESTS, kinds.toString());
        assertEquals(4, kinds.size(), kinds.toString());
        kinds.values().forEach(count -> assertEquals(faulted / 4.0, count, faulted / 10.0, kinds.toString()));
    }

    @Test
    void everyCorruptionComesUpAndTheExceptionIsADeviceFailure() {
        Chaos chaos = new Chaos(1, new SplittableRandom(11));
        Map<Object, Long> seen = IntStream.range(0, 1_000).mapToObj(i -> chaos.draw().orElseThrow())
                .map(fault -> fault instanceof Fault.Corrupt corrupt ? corrupt.corruption() : fault)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertTrue(seen.keySet().containsAll(List.of(Fault.Corruption.values())), seen.toString());
        assertTrue(seen.containsKey(new Fault.ExceptionReply(Chaos.DEVICE_FAILURE)), seen.toString());
    }

    @Test
    void aRateOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Chaos(1.5, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new Chaos(Double.NaN, new SplittableRandom()));
    }
}
