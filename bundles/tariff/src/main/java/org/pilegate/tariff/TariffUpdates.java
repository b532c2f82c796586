package org.pilegate.tariff;

/**
 * Changes a tariff of the site as an operator editing the tariff folder does, for those who cannot reach the folder
 * (the fleet's commands). The tariff is checked exactly as the folder's files are.
 */
public interface TariffUpdates {

    /**
     * Checks {@code ocpiJson} as a tariff file is checked, writes it into the tariff folder (over the file that
     * defines its id, else as {@code <id>.json}) and puts it in force at once.
     *
     * @return the tariff now in force under its id
     * @throws InvalidTariffException naming the JSON path at fault and why; nothing is written then
     * @throws java.io.UncheckedIOException when the folder cannot be written; nothing changed then
     */
    Tariff save(String ocpiJson);
}
