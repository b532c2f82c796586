package org.pilegate.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle lays out the big-endian bytes A, B, C, ... of a value in register order by spelling them, exactly as
 * the {@link WordOrder} names do; it shares no code with the decoder.
 */
class ValueDecoderTest {

    private static final Map<WordOrder, String> ONE_WORD = Map.of(WordOrder.ABCD, "AB", WordOrder.CDAB, "AB",
            WordOrder.BADC, "BA", WordOrder.DCBA, "BA");
    private static final Map<WordOrder, String> FOUR_WORDS = Map.of(WordOrder.ABCD, "ABCDEFGH", WordOrder.CDAB,
            "GHEFCDAB", WordOrder.BADC, "BADCFEHG", WordOrder.DCBA, "HGFEDCBA");

    /** Registers holding {@code bigEndian} as the device would store it in {@code order}. */
    private static RegisterBlock stored(byte[] bigEndian, WordOrder order) {
        String spelling = switch (bigEndian.length) {
            case 2 -> ONE_WORD.get(order);
            case 4 -> order.name();
            default -> FOUR_WORDS.get(order);
        };
        int[] words = new int[bigEndian.length / 2];
        for (int i = 0; i < words.length; i++) {
            int high = bigEndian[spelling.charAt(2 * i) - 'A'] & 0xFF;
            int low = bigEndian[spelling.charAt(2 * i + 1) - 'A'] & 0xFF;
            words[i] = high << 8 | low;
        }
        return RegisterBlock.of(words);
    }

    private static RegisterBlock short16(int value, WordOrder order) {
        return stored(ByteBuffer.allocate(2).putShort((short) value).array(), order);
    }

    private static RegisterBlock int32(int value, WordOrder order) {
        return stored(ByteBuffer.allocate(4).putInt(value).array(), order);
    }

    private static RegisterBlock long64(long value, WordOrder order) {
        return stored(ByteBuffer.allocate(8).putLong(value).array(), order);
    }

    static Stream<Arguments> int16Values() {
        return everyOrder(0, 1, 0x1234, 32767, -1, -2, -32768);
    }

    @ParameterizedTest
    @MethodSource("int16Values")
    void int16(WordOrder order, int value) {
        assertEquals(value, ValueDecoder.int16(short16(value, order), 0, order));
    }

    static Stream<Arguments> uint16Values() {
        return everyOrder(0, 1, 0x1234, 0x8000, 0xFFFE, 0xFFFF);
    }

    @ParameterizedTest
    @MethodSource("uint16Values")
    void uint16(WordOrder order, int value) {
        assertEquals(value, ValueDecoder.uint16(short16(value, order), 0, order));
    }

    @Test
    void byteSwappedOrdersSwapTheBytesOfSingleRegisters() {
        RegisterBlock block = RegisterBlock.of(0x1234);
        assertEquals(0x1234, ValueDecoder.uint16(block, 0, WordOrder.ABCD));
        assertEquals(0x1234, ValueDecoder.uint16(block, 0, WordOrder.CDAB));
        assertEquals(0x3412, ValueDecoder.uint16(block, 0, WordOrder.BADC));
        assertEquals(0x3412, ValueDecoder.uint16(block, 0, WordOrder.DCBA));
    }

    static Stream<Arguments> int32Values() {
        return everyOrder(0, 1, 0x12345678, Integer.MAX_VALUE, -1, -2, -123456789, Integer.MIN_VALUE);
    }

    @ParameterizedTest
    @MethodSource("int32Values")
    void int32(WordOrder order, int value) {
        assertEquals(value, ValueDecoder.int32(int32(value, order), 0, order));
    }

    static Stream<Arguments> uint32Values() {
        return everyOrder(0L, 1L, 0x12345678L, 0x80000000L, 0xFFFFFFFEL, 0xFFFFFFFFL);
    }

    @ParameterizedTest
    @MethodSource("uint32Values")
    void uint32(WordOrder order, long value) {
        assertEquals(value, ValueDecoder.uint32(int32((int) value, order), 0, order));
    }

    @Test
    void documentedThirtyTwoBitLayouts() {
        assertEquals(0x12345678, ValueDecoder.int32(RegisterBlock.of(0x1234, 0x5678), 0, WordOrder.ABCD));
        assertEquals(0x12345678, ValueDecoder.int32(RegisterBlock.of(0x5678, 0x1234), 0, WordOrder.CDAB));
        assertEquals(0x12345678, ValueDecoder.int32(RegisterBlock.of(0x3412, 0x7856), 0, WordOrder.BADC));
        assertEquals(0x12345678, ValueDecoder.int32(RegisterBlock.of(0x7856, 0x3412), 0, WordOrder.DCBA));
    }

    static Stream<Arguments> float32Values() {
        return everyOrder(0.0f, -0.0f, 1.0f, 3.1415927f, -1.5f, 230.4f, -40000.25f, Float.MIN_VALUE,
                Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("float32Values")
    void float32(WordOrder order, float value) {
        float decoded = ValueDecoder.float32(int32(Float.floatToRawIntBits(value), order), 0, order);
        assertEquals(Float.floatToRawIntBits(value), Float.floatToRawIntBits(decoded));
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void float32NaNPassesThrough(WordOrder order) {
        assertTrue(Float.isNaN(ValueDecoder.float32(int32(0x7FC00000, order), 0, order)));
        assertTrue(Float.isNaN(ValueDecoder.float32(int32(0xFFC00001, order), 0, order)));
        assertTrue(Float.isNaN(ValueDecoder.float32(int32(0x7F800001, order), 0, order)));
    }

    static Stream<Arguments> int64Values() {
        return everyOrder(0L, 1L, 0x0102030405060708L, Long.MAX_VALUE, -1L, -2L, -1234567890123L, Long.MIN_VALUE);
    }

    @ParameterizedTest
    @MethodSource("int64Values")
    void int64(WordOrder order, long value) {
        assertEquals(value, ValueDecoder.int64(long64(value, order), 0, order));
    }

    @Test
    void documentedSixtyFourBitLayouts() {
        long value = 0x0102030405060708L;
        assertEquals(value, ValueDecoder.int64(RegisterBlock.of(0x0102, 0x0304, 0x0506, 0x0708), 0, WordOrder.ABCD));
        assertEquals(value, ValueDecoder.int64(RegisterBlock.of(0x0708, 0x0506, 0x0304, 0x0102), 0, WordOrder.CDAB));
        assertEquals(value, ValueDecoder.int64(RegisterBlock.of(0x0201, 0x0403, 0x0605, 0x0807), 0, WordOrder.BADC));
        assertEquals(value, ValueDecoder.int64(RegisterBlock.of(0x0807, 0x0605, 0x0403, 0x0201), 0, WordOrder.DCBA));
    }

    static Stream<Arguments> uint64Values() {
        return everyOrder(0L, 1L, 0x0102030405060708L, 4_000_000_000L, Long.MAX_VALUE);
    }

    @ParameterizedTest
    @MethodSource("uint64Values")
    void uint64(WordOrder order, long value) {
        assertEquals(value, ValueDecoder.uint64(long64(value, order), 0, order));
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void uint64AboveLongMaxIsRejected(WordOrder order) {
        assertThrows(ArithmeticException.class, () -> ValueDecoder.uint64(long64(Long.MIN_VALUE, order), 0, order));
        assertThrows(ArithmeticException.class, () -> ValueDecoder.uint64(long64(-1L, order), 0, order));
        assertThrows(ArithmeticException.class,
                () -> ValueDecoder.decode(long64(-2L, order), 0, RegisterType.UINT64, order));
    }

    static Stream<Arguments> float64Values() {
        return everyOrder(0.0, -0.0, 1.0, Math.PI, -2.5, 1e300, -1e-300, Double.MIN_VALUE, Double.MAX_VALUE,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @ParameterizedTest
    @MethodSource("float64Values")
    void float64(WordOrder order, double value) {
        double decoded = ValueDecoder.float64(long64(Double.doubleToRawLongBits(value), order), 0, order);
        assertEquals(Double.doubleToRawLongBits(value), Double.doubleToRawLongBits(decoded));
    }

    @ParameterizedTest
    @EnumSource(WordOrder.class)
    void float64NaNPassesThrough(WordOrder order) {
        assertTrue(Double.isNaN(ValueDecoder.float64(long64(0x7FF8000000000000L, order), 0, order)));
        assertTrue(Double.isNaN(ValueDecoder.float64(long64(0xFFF0000000000001L, order), 0, order)));
    }

    static Stream<Arguments> genericDecoding() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (WordOrder order : WordOrder.values()) {
            cases.add(Arguments.of(RegisterType.INT16, order, short16(-300, order), -300));
            cases.add(Arguments.of(RegisterType.UINT16, order, short16(65000, order), 65000));
            cases.add(Arguments.of(RegisterType.INT32, order, int32(-70000, order), -70000));
            cases.add(Arguments.of(RegisterType.UINT32, order, int32(0xF0000000, order), 0xF0000000L));
            cases.add(Arguments.of(RegisterType.FLOAT32, order, int32(Float.floatToIntBits(-12.5f), order), -12.5f));
            cases.add(Arguments.of(RegisterType.INT64, order, long64(-5_000_000_000L, order), -5_000_000_000L));
            cases.add(Arguments.of(RegisterType.UINT64, order, long64(5_000_000_000L, order), 5_000_000_000L));
            cases.add(Arguments.of(RegisterType.FLOAT64, order, long64(Double.doubleToLongBits(-0.125), order),
                    -0.125));
        }
        return cases.build();
    }

    @ParameterizedTest
    @MethodSource("genericDecoding")
    void decodeByTypeReturnsTheDocumentedBoxedType(RegisterType type, WordOrder order, RegisterBlock block,
            Number expected) {
        Number decoded = ValueDecoder.decode(block, 0, type, order);
        assertInstanceOf(expected.getClass(), decoded);
        assertEquals(expected, decoded);
        assertEquals(expected, block.decode(0, type, order));
        assertEquals(type.words(), block.size());
    }

    @Test
    void decodesAtAnOffsetWithoutTouchingNeighbours() {
        RegisterBlock block = RegisterBlock.of(0xFFFF, 0x0000, 0x0001, 0xFFFF, 0xFFFF);
        assertEquals(1, ValueDecoder.int32(block, 1, WordOrder.ABCD));
        assertEquals(0x10000, ValueDecoder.int32(block, 1, WordOrder.CDAB));
        assertEquals(-1, ValueDecoder.int16(block, 4, WordOrder.ABCD));
    }

    @Test
    void valuesRunningPastTheBlockAreRejected() {
        RegisterBlock block = RegisterBlock.of(1, 2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> ValueDecoder.int32(block, 2, WordOrder.ABCD));
        assertThrows(IndexOutOfBoundsException.class, () -> ValueDecoder.float64(block, 0, WordOrder.ABCD));
        assertThrows(IndexOutOfBoundsException.class, () -> ValueDecoder.uint16(block, -1, WordOrder.ABCD));
    }

    private static Stream<Arguments> everyOrder(Object... values) {
        return Stream.of(WordOrder.values()).flatMap(order -> Stream.of(values).map(v -> Arguments.of(order, v)));
    }
}
