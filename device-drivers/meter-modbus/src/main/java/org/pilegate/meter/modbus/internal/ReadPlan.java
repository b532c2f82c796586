package org.pilegate.meter.modbus.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.MeterQuantity;
import org.pilegate.device.profile.RegisterPoint;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RegisterBlock;
import org.pilegate.modbus.RequestMerger;

/**
 * How one meter is read: the few requests that cover its register map, and where each quantity sits in their
 * answers.
 *
 * @param reads the requests of one poll
 * @param slots per quantity, the request holding it and the point's offset in that request's answer
 */
record ReadPlan(List<MergedRead> reads, Map<MeterQuantity, Slot> slots) {

    record Slot(MergedRead read, int offset, RegisterPoint point) {
    }

    ReadPlan {
        reads = List.copyOf(reads);
        slots = Map.copyOf(slots);
    }

    static ReadPlan of(MeterProfile profile, int unitId, int mergeGap) {
        Map<MeterQuantity, ReadRequest> requests = new EnumMap<>(MeterQuantity.class);
        profile.points().forEach((quantity, point) -> requests.put(quantity, point.read(unitId)));
        List<MergedRead> reads = RequestMerger.merge(requests.values(), mergeGap);
        Map<MeterQuantity, Slot> slots = new EnumMap<>(MeterQuantity.class);
        requests.forEach((quantity, request) -> {
            MergedRead read = reads.stream().filter(merged -> merged.parts().contains(request)).findFirst()
                    .orElseThrow();
            slots.put(quantity, new Slot(read, read.offsetOf(request), profile.points().get(quantity)));
        });
        return new ReadPlan(reads, slots);
    }

    /**
     * The quantities in their units from one answer per request.
     *
     * @throws IllegalArgumentException naming the quantity the meter sent garbage for (NaN, infinity, a value too
     *             large for its unit)
     */
    Map<MeterQuantity, Long> decode(Map<MergedRead, RegisterBlock> answers) {
        Map<MeterQuantity, Long> values = new EnumMap<>(MeterQuantity.class);
        slots.forEach((quantity, slot) -> {
            try {
                values.put(quantity, slot.point().toUnits(answers.get(slot.read()), slot.offset()));
            } catch (IllegalArgumentException | ArithmeticException e) {
                // ArithmeticException: an UINT64 register beyond a long
                throw new IllegalArgumentException(quantity + ": " + e.getMessage(), e);
            }
        });
        return values;
    }
}
