package org.pilegate.tariff;

import java.util.List;

import org.pilegate.api.terminal.FeeLine;

/** Fee lines as compact text for assertions: "ENERGY 20000 Wh 500+50" is 5.00 excluding VAT plus 0.50 VAT. */
final class FeeLines {

    private FeeLines() {
    }

    static List<String> of(SessionFee fee) {
        return fee.lines().stream().map(FeeLines::of).toList();
    }

    static String of(FeeLine line) {
        return line.component() + " " + line.quantity() + " " + line.unit() + " " + line.amountExVat().minorUnits()
                + "+" + line.vat().map(vat -> String.valueOf(vat.minorUnits())).orElse("?");
    }
}
