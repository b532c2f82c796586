package org.pilegate.api.meter;

/**
 * How far a {@link MeterReading} can be trusted. Only GOOD readings may be billed from.
 */
public enum ReadingQuality {
    /** Freshly read from the device and plausible. */
    GOOD,
    /** The device did not answer; the figures are the last good ones carried forward. */
    STALE,
    /** The device answered with out-of-range values; the figures are the last good ones. */
    INVALID
}
