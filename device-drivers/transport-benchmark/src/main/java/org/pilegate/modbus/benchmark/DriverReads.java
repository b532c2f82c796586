package org.pilegate.modbus.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.pilegate.device.profile.MeterProfile;
import org.pilegate.device.profile.RelayProfile;
import org.pilegate.modbus.MergedRead;
import org.pilegate.modbus.ReadRequest;
import org.pilegate.modbus.RequestMerger;

/** The requests one poll of a pile makes: its meter's and its relay's points, merged as the drivers merge them. */
record DriverReads(MeterProfile meter, RelayProfile relay) {

    /** The meter driver's default gap; the relay driver never merges across gaps. */
    private static final int MERGE_GAP = 0;

    List<ReadRequest> meterReads(int unitId) {
        return merged(meter.points().values().stream().map(point -> point.read(unitId)).toList());
    }

    List<ReadRequest> relayReads(int unitId) {
        List<ReadRequest> reads = new ArrayList<>();
        reads.add(relay.plugState().read(unitId));
        relay.contactorFeedback().map(point -> point.read(unitId)).ifPresent(reads::add);
        relay.currentLimit().map(point -> point.read(unitId)).ifPresent(reads::add);
        relay.vehicleId().map(block -> block.read(unitId)).ifPresent(reads::add);
        return merged(reads);
    }

    /** The meter's request with the most registers: what the single-connection loops read. */
    ReadRequest largestMeterRead(int unitId) {
        return meterReads(unitId).stream().max(Comparator.comparingInt(ReadRequest::count)).orElseThrow();
    }

    private static List<ReadRequest> merged(List<ReadRequest> reads) {
        return RequestMerger.merge(reads, MERGE_GAP).stream().map(MergedRead::request).toList();
    }
}
