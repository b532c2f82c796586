package org.pilegate.tariff.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate tariffs", description = "The site's OCPI 2.2.1 tariff files and the time zone"
        + " their restrictions are read in.")
public @interface TariffConfig {

    @AttributeDefinition(name = "Tariff folder", description = "Folder of the tariff files (*.json, one OCPI Tariff"
            + " each) and assignments.json; a relative path is taken from Karaf's etc.")
    String folder() default "tariffs";

    @AttributeDefinition(name = "Site time zone", description = "IANA time zone of the depot, e.g. Europe/Amsterdam,"
            + " for start/end times, dates and days of the week; empty for the system's time zone.")
    String siteTimeZone() default "";

    @AttributeDefinition(name = "Poll interval (s)", min = "1", max = "3600", description = "How often the folder is"
            + " read again for changed, added and removed files.")
    int pollIntervalS() default 5;
}
