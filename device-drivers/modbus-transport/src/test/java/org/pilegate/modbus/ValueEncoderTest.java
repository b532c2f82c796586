package org.pilegate.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueEncoderTest {

    static Stream<Arguments> valuesOfEveryTypeAndOrder() {
        Stream.Builder<Arguments> cases = Stream.builder();
        Object[][] values = {
                {RegisterType.INT16, -12345L}, {RegisterType.UINT16, 65535L}, {RegisterType.INT32, -2_000_000_000L},
                {RegisterType.UINT32, 4_000_000_000L}, {RegisterType.INT64, Long.MIN_VALUE + 7},
                {RegisterType.UINT64, Long.MAX_VALUE}, {RegisterType.FLOAT32, 230.25f},
                {RegisterType.FLOAT64, -1.0e300}};
        for (Object[] value : values) {
            for (WordOrder order : WordOrder.values()) {
                cases.add(Arguments.of(value[0], value[1], order));
            }
        }
        return cases.build();
    }

    @ParameterizedTest
    @MethodSource("valuesOfEveryTypeAndOrder")
    void decodingWhatWasEncodedGivesTheValueBack(RegisterType type, Number value, WordOrder order) {
        RegisterBlock words = ValueEncoder.encode(value, type, order);

        assertEquals(type.words(), words.size());
        assertEquals(value.doubleValue(), ValueDecoder.decode(words, 0, type, order).doubleValue());
    }

    @Test
    void wordsFollowTheWordOrder() {
        assertArrayEquals(new int[] {0x1234, 0x5678}, ValueEncoder.encode(0x12345678, RegisterType.INT32,
                WordOrder.ABCD).toArray());
        assertArrayEquals(new int[] {0x5678, 0x1234}, ValueEncoder.encode(0x12345678, RegisterType.INT32,
                WordOrder.CDAB).toArray());
        assertArrayEquals(new int[] {0x3412, 0x7856}, ValueEncoder.encode(0x12345678, RegisterType.INT32,
                WordOrder.BADC).toArray());
        assertArrayEquals(new int[] {0x7856, 0x3412}, ValueEncoder.encode(0x12345678, RegisterType.INT32,
                WordOrder.DCBA).toArray());
    }

    @Test
    void valuesOutsideTheTypeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ValueEncoder.encode(70_000, RegisterType.UINT16,
                WordOrder.ABCD));
        assertThrows(IllegalArgumentException.class, () -> ValueEncoder.encode(-1, RegisterType.UINT32,
                WordOrder.ABCD));
        assertThrows(IllegalArgumentException.class, () -> ValueEncoder.encode(1.5, RegisterType.INT16,
                WordOrder.ABCD));
    }
}
