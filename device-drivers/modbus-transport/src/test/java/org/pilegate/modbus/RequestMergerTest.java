package org.pilegate.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestMergerTest {

    private static ReadRequest holding(int unit, int address, int count) {
        return new ReadRequest(unit, FunctionCode.READ_HOLDING_REGISTERS, address, count);
    }

    @Test
    void adjacentReadsBecomeOne() {
        List<MergedRead> merged = RequestMerger.merge(List.of(holding(1, 2, 2), holding(1, 0, 2), holding(1, 4, 1)),
                0);
        assertEquals(1, merged.size());
        assertEquals(holding(1, 0, 5), merged.get(0).request());
        assertEquals(List.of(holding(1, 0, 2), holding(1, 2, 2), holding(1, 4, 1)), merged.get(0).parts());
    }

    @Test
    void gapsUpToMaxGapAreReadThrough() {
        List<ReadRequest> reads = List.of(holding(1, 0, 2), holding(1, 5, 2));
        assertEquals(List.of(holding(1, 0, 7)), requests(RequestMerger.merge(reads, 3)));
        assertEquals(List.of(holding(1, 0, 2), holding(1, 5, 2)), requests(RequestMerger.merge(reads, 2)));
    }

    @Test
    void mergedRequestsNeverExceed125Registers() {
        List<ReadRequest> reads = List.of(holding(1, 0, 100), holding(1, 100, 25), holding(1, 125, 1));
        assertEquals(List.of(holding(1, 0, 125), holding(1, 125, 1)), requests(RequestMerger.merge(reads, 10)));
    }

    @Test
    void aGapThatWouldOverflowTheLimitStartsANewRequest() {
        List<ReadRequest> reads = List.of(holding(1, 0, 120), holding(1, 124, 2));
        assertEquals(List.of(holding(1, 0, 120), holding(1, 124, 2)), requests(RequestMerger.merge(reads, 10)));
    }

    @Test
    void bitReadsUseTheBitLimit() {
        List<ReadRequest> reads = List.of(new ReadRequest(1, FunctionCode.READ_COILS, 0, 1500),
                new ReadRequest(1, FunctionCode.READ_COILS, 1500, 500),
                new ReadRequest(1, FunctionCode.READ_COILS, 2000, 8));
        assertEquals(List.of(new ReadRequest(1, FunctionCode.READ_COILS, 0, 2000),
                new ReadRequest(1, FunctionCode.READ_COILS, 2000, 8)), requests(RequestMerger.merge(reads, 0)));
    }

    @Test
    void unitsAndFunctionsAreNeverMixed() {
        ReadRequest input = new ReadRequest(1, FunctionCode.READ_INPUT_REGISTERS, 2, 2);
        List<ReadRequest> reads = List.of(holding(2, 2, 2), input, holding(1, 0, 2));
        assertEquals(List.of(holding(1, 0, 2), input, holding(2, 2, 2)), requests(RequestMerger.merge(reads, 100)));
    }

    @Test
    void overlappingContainedAndDuplicateReadsMerge() {
        List<ReadRequest> reads = List.of(holding(1, 0, 10), holding(1, 2, 3), holding(1, 8, 4), holding(1, 2, 3));
        List<MergedRead> merged = RequestMerger.merge(reads, 0);
        assertEquals(List.of(holding(1, 0, 12)), requests(merged));
        assertEquals(3, merged.get(0).parts().size());
    }

    @Test
    void partsSliceTheirDataOutOfTheMergedAnswer() {
        ReadRequest voltage = holding(1, 10, 2);
        ReadRequest current = holding(1, 14, 1);
        MergedRead merged = RequestMerger.merge(List.of(current, voltage), 5).get(0);
        RegisterBlock answer = RegisterBlock.of(100, 101, 102, 103, 104);
        assertEquals(0, merged.offsetOf(voltage));
        assertEquals(4, merged.offsetOf(current));
        assertEquals(RegisterBlock.of(104), answer.slice(merged.offsetOf(current), current.count()));
        assertThrows(IllegalArgumentException.class, () -> merged.offsetOf(holding(1, 11, 1)));
    }

    @Test
    void nothingToMergeGivesNothing() {
        assertTrue(RequestMerger.merge(List.of(), 5).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> RequestMerger.merge(List.of(holding(1, 0, 1)), -1));
    }

    @Test
    void mergedReadRejectsPartsOutsideItsRequest() {
        assertThrows(IllegalArgumentException.class,
                () -> new MergedRead(holding(1, 0, 4), List.of(holding(1, 2, 4))));
        assertThrows(IllegalArgumentException.class,
                () -> new MergedRead(holding(1, 0, 4), List.of(holding(2, 0, 1))));
    }

    private static List<ReadRequest> requests(List<MergedRead> merged) {
        return merged.stream().map(MergedRead::request).toList();
    }
}
