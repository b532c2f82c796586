package org.pilegate.modbus;

import java.util.List;
import java.util.Objects;

/**
 * One request that covers several smaller reads of the same unit and function.
 *
 * @param request what to send
 * @param parts the reads it answers, each lying within {@code request}
 */
public record MergedRead(ReadRequest request, List<ReadRequest> parts) {

    public MergedRead {
        Objects.requireNonNull(request, "request");
        parts = List.copyOf(parts);
        for (ReadRequest part : parts) {
            if (part.unitId() != request.unitId() || part.function() != request.function()
                    || part.address() < request.address() || part.end() > request.end()) {
                throw new IllegalArgumentException(part + " does not lie within " + request);
            }
        }
    }

    /** Where {@code part}'s data starts in the merged answer: {@code answer.slice(offsetOf(part), part.count())}. */
    public int offsetOf(ReadRequest part) {
        if (!parts.contains(part)) {
            throw new IllegalArgumentException(part + " is not part of " + request);
        }
        return part.address() - request.address();
    }
}
