package org.pilegate.ocpp16.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;

import org.pilegate.api.meter.PhaseValues;
import org.pilegate.ocpp16.internal.rpc.RpcErrorCode;
import org.pilegate.ocpp16.internal.rpc.RpcException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one meterValue element of OCPP says, in the gateway's units: the import register in Wh, active power in W and
 * current per phase. Values in kWh and kW are converted; measurands the gateway does not use are skipped.
 *
 * @param at when the values were measured
 */
record MeterValues(Instant at, Optional<Long> energyWh, Optional<Long> powerW, Optional<PhaseValues> phases) {

    static MeterValues of(JsonNode meterValue) {
        Instant at = Instant.parse(meterValue.get("timestamp").asText());
        Optional<Long> energy = Optional.empty();
        Optional<Long> power = Optional.empty();
        long[] currentMa = new long[3];
        boolean anyCurrent = false;
        for (JsonNode sample : meterValue.get("sampledValue")) {
            String measurand = sample.path("measurand").asText("Energy.Active.Import.Register");
            String unit = sample.path("unit").asText("");
            BigDecimal value = number(sample.get("value").asText(), measurand);
            switch (measurand) {
                case "Energy.Active.Import.Register" -> energy = Optional.of(scaled(value, "kWh".equals(unit)));
                case "Power.Active.Import" -> power = Optional.of(scaled(value, "kW".equals(unit)));
                case "Current.Import" -> {
                    int phase = switch (sample.path("phase").asText("L1")) {
                        case "L2", "L2-N" -> 1;
                        case "L3", "L3-N" -> 2;
                        default -> 0;
                    };
                    currentMa[phase] = value.movePointRight(3).longValue();
                    anyCurrent = true;
                }
                default -> {
                    // voltage, frequency, SoC, temperature…: not what a pile needs
                }
            }
        }
        Optional<PhaseValues> phases = anyCurrent ? Optional.of(new PhaseValues(0, 0, 0, Math.max(0, currentMa[0]),
                Math.max(0, currentMa[1]), Math.max(0, currentMa[2]))) : Optional.empty();
        return new MeterValues(at, energy, power, phases);
    }

    private static long scaled(BigDecimal value, boolean kilo) {
        return (kilo ? value.movePointRight(3) : value).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static BigDecimal number(String text, String measurand) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new RpcException(RpcErrorCode.PropertyConstraintViolation, measurand + ": '" + text
                    + "' is not a number");
        }
    }
}
