package org.pilegate.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.pilegate.api.pile.PileId;
import org.pilegate.tariff.PriceComponent;
import org.pilegate.tariff.Tariff;
import org.pilegate.tariff.TariffDirectory;
import org.pilegate.tariff.TariffElement;
import org.pilegate.tariff.TariffRestrictions;

@Command(scope = "pilegate", name = "tariff", description = "Shows the tariff in force at a pile: its summary as"
        + " drivers see it, and each element with its prices and when it applies (site time zone).")
@Service
public class TariffCommand implements Action {

    @Reference(optional = true)
    private TariffDirectory tariffs;

    @Reference
    private Session session;

    @Argument(index = 0, name = "pile", required = true, description = "The pile id, e.g. bay-07.")
    @Completion(PileIdCompleter.class)
    private String pile;

    @Override
    public Object execute() {
        if (tariffs == null) {
            throw new IllegalStateException("the tariff directory is not running (etc/tariffs)");
        }
        PileId id = new PileId(pile);
        Tariff tariff = tariffs.tariffFor(id).orElseThrow(() -> new IllegalStateException("no tariff is in force at"
                + " pile " + pile + "; its sessions are not priced"));
        var console = session.getConsole();
        console.println("tariff " + tariff.id() + " in " + tariff.currency().getCurrencyCode()
                + tariff.startDateTime().map(start -> ", from " + Formats.time(start)).orElse("")
                + tariff.endDateTime().map(end -> ", until " + Formats.time(end)).orElse("")
                + " (times of day in " + tariffs.siteZone() + ")");
        tariffs.summaryFor(id).ifPresent(summary -> console.println(summary));
        ShellTable table = new ShellTable();
        table.column("Element").alignRight();
        table.column("Component");
        table.column("Price").alignRight();
        table.column("VAT").alignRight();
        table.column("Step");
        table.column("Applies");
        int number = 1;
        for (TariffElement element : tariff.elements()) {
            for (PriceComponent component : element.priceComponents()) {
                table.addRow().addContent(number, component.type(), price(component, tariff),
                        component.vat().map(vat -> vat.toPlainString() + " %").orElse("none"), step(component),
                        applies(element.restrictions()));
            }
            number++;
        }
        table.print(console);
        return null;
    }

    static String price(PriceComponent component, Tariff tariff) {
        String amount = component.price().toPlainString() + " " + tariff.currency().getCurrencyCode();
        return switch (component.type()) {
            case ENERGY -> amount + "/kWh";
            case TIME, PARKING_TIME -> amount + "/h";
            case FLAT -> amount;
        };
    }

    static String step(PriceComponent component) {
        return switch (component.type()) {
            case ENERGY -> component.stepSize() + " Wh";
            case TIME, PARKING_TIME -> component.stepSize() + " s";
            case FLAT -> Formats.NONE;
        };
    }

    /** The element's restrictions in words; lower bounds inclusive, upper bounds exclusive. */
    static String applies(TariffRestrictions restrictions) {
        List<String> when = new ArrayList<>();
        restrictions.startTime().ifPresent(time -> when.add("from " + time));
        restrictions.endTime().ifPresent(time -> when.add("until " + time));
        restrictions.startDate().ifPresent(date -> when.add("from " + date));
        restrictions.endDate().ifPresent(date -> when.add("before " + date));
        if (!restrictions.daysOfWeek().isEmpty()) {
            when.add("on " + restrictions.daysOfWeek().stream().sorted().map(Object::toString).toList());
        }
        restrictions.minKwh().ifPresent(kwh -> when.add("from " + kwh.toPlainString() + " kWh"));
        restrictions.maxKwh().ifPresent(kwh -> when.add("below " + kwh.toPlainString() + " kWh"));
        restrictions.minCurrent().ifPresent(amps -> when.add("from " + amps.toPlainString() + " A"));
        restrictions.maxCurrent().ifPresent(amps -> when.add("below " + amps.toPlainString() + " A"));
        restrictions.minPower().ifPresent(kw -> when.add("from " + kw.toPlainString() + " kW"));
        restrictions.maxPower().ifPresent(kw -> when.add("below " + kw.toPlainString() + " kW"));
        restrictions.minDuration().ifPresent(duration -> when.add("after " + duration));
        restrictions.maxDuration().ifPresent(duration -> when.add("within " + duration));
        return when.isEmpty() ? "always" : String.join(", ", when);
    }
}
