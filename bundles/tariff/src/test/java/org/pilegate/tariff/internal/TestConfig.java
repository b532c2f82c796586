package org.pilegate.tariff.internal;

import java.lang.annotation.Annotation;

/** The configuration as DS would hand it over. */
record TestConfig(String folder, String siteTimeZone, int pollIntervalS) implements TariffConfig {

    @Override
    public Class<? extends Annotation> annotationType() {
        return TariffConfig.class;
    }
}
