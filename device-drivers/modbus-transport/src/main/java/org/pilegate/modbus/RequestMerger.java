package org.pilegate.modbus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Covers many small reads with few requests: a meter's register map lists dozens of values, but every
 * transaction costs a round trip plus the inter-transaction delay.
 */
public final class RequestMerger {

    private static final Comparator<ReadRequest> ORDER = Comparator.comparingInt(ReadRequest::unitId)
            .thenComparing(ReadRequest::function)
            .thenComparingInt(ReadRequest::address)
            .thenComparingInt(ReadRequest::count);

    private RequestMerger() {
    }

    /**
     * Merges reads of the same unit id and function whose gap is at most {@code maxGap} items, as long as the
     * merged request stays within the function's limit (125 registers, 2000 bits). Overlapping and duplicate reads
     * merge too. The result is ordered by unit id, function and address.
     *
     * @param maxGap unused registers (or bits) a merged request may read between two parts; 0 merges only
     *            adjacent or overlapping reads. Keep gaps small where devices reject reads of unmapped addresses.
     */
    public static List<MergedRead> merge(Collection<ReadRequest> reads, int maxGap) {
        if (maxGap < 0) {
            throw new IllegalArgumentException("maxGap must not be negative, was " + maxGap);
        }
        List<MergedRead> merged = new ArrayList<>();
        List<ReadRequest> parts = new ArrayList<>();
        int start = 0;
        int end = 0;
        for (ReadRequest read : reads.stream().distinct().sorted(ORDER).toList()) {
            if (!parts.isEmpty()) {
                ReadRequest first = parts.get(0);
                boolean joins = read.unitId() == first.unitId() && read.function() == first.function()
                        && read.address() - end <= maxGap
                        && Math.max(end, read.end()) - start <= read.function().maxCount();
                if (!joins) {
                    merged.add(cover(parts, start, end));
                    parts = new ArrayList<>();
                }
            }
            if (parts.isEmpty()) {
                start = read.address();
                end = read.end();
            }
            parts.add(read);
            end = Math.max(end, read.end());
        }
        if (!parts.isEmpty()) {
            merged.add(cover(parts, start, end));
        }
        return List.copyOf(merged);
    }

    private static MergedRead cover(List<ReadRequest> parts, int start, int end) {
        ReadRequest first = parts.get(0);
        return new MergedRead(new ReadRequest(first.unitId(), first.function(), start, end - start), parts);
    }
}
