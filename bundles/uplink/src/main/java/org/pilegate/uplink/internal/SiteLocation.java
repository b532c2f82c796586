package org.pilegate.uplink.internal;

import java.util.regex.Pattern;

/** Who operates the site and where it is, as the charge records name them (OCPI's party and cdr_location). */
record SiteLocation(String countryCode, String partyId, String address, String city, String country,
        String latitude, String longitude) {

    private static final Pattern COORDINATE = Pattern.compile("-?\\d{1,3}\\.\\d{1,7}");

    static SiteLocation of(UplinkConfig config) {
        String[] coordinates = config.siteCoordinates().trim().split(",", 2);
        return new SiteLocation(config.ocpiCountryCode().trim(), config.ocpiPartyId().trim(),
                config.siteAddress().trim(), config.siteCity().trim(), config.siteCountry().trim(),
                coordinates[0].trim(), coordinates.length > 1 ? coordinates[1].trim() : "");
    }

    /** What the charge records need, checked when the uplink is enabled. */
    void check() {
        UplinkSettings.check(countryCode.matches("[A-Z]{2}"), "ocpiCountryCode", "must be two capital letters"
                + " (ISO 3166-1 alpha-2), not '" + countryCode + "'");
        UplinkSettings.check(partyId.matches("[A-Z0-9]{3}"), "ocpiPartyId", "must be three capital letters or"
                + " digits, not '" + partyId + "'");
        UplinkSettings.check(!address.isEmpty() && !city.isEmpty(), "siteAddress", "the site's address and city"
                + " must both be set");
        UplinkSettings.check(country.matches("[A-Z]{3}"), "siteCountry", "must be three capital letters (ISO"
                + " 3166-1 alpha-3), not '" + country + "'");
        UplinkSettings.check(COORDINATE.matcher(latitude).matches() && COORDINATE.matcher(longitude).matches(),
                "siteCoordinates", "must be latitude,longitude in decimal degrees, not '" + latitude
                        + (longitude.isEmpty() ? "" : "," + longitude) + "'");
    }
}
