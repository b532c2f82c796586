package org.pilegate.device.profile;

/** A profile file cannot be used; the message names the file and what is wrong in it. */
public final class InvalidProfileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidProfileException(String origin, String problem) {
        super("profile " + origin + ": " + problem);
    }
}
