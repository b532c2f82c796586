package org.pilegate.opcua.internal;

import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.structured.EUInformation;

/** Engineering units as OPC UA names them: UNECE Recommendation 20 common codes. */
final class Units {

    private static final String CEFACT = "http://www.opcfoundation.org/UA/units/un/cefact";

    static final EUInformation WATT = unit("WTT", "W", "watt");
    static final EUInformation WATT_HOUR = unit("WHR", "Wh", "watt hour");
    static final EUInformation AMPERE = unit("AMP", "A", "ampere");
    static final EUInformation VOLT = unit("VLT", "V", "volt");

    private Units() {
    }

    /** The unit id is the common code's characters as bytes, as OPC UA Part 8 defines it. */
    private static EUInformation unit(String commonCode, String symbol, String name) {
        int unitId = 0;
        for (char c : commonCode.toCharArray()) {
            unitId = unitId << 8 | c;
        }
        return new EUInformation(CEFACT, unitId, LocalizedText.english(symbol), LocalizedText.english(name));
    }
}
