package org.pilegate.tariff;

/** A tariff document cannot be used; says where in the JSON and why. */
public final class InvalidTariffException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String path;
    private final String problem;

    /**
     * @param path JSON path of the offending value, e.g. {@code elements[1].price_components[0].step_size}; empty for
     *        the document itself
     * @param problem why it is refused
     */
    public InvalidTariffException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
        this.problem = problem;
    }

    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }
}
