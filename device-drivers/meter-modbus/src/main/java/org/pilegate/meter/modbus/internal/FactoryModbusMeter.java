package org.pilegate.meter.modbus.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.PileFactories;
import org.pilegate.modbus.ModbusManager;

/**
 * A meter made by the component factory {@value PileFactories#MODBUS_METER} from the properties a configuration would
 * hold, so that a depot of thousands of meters needs no Configuration Admin record for each. It runs as a configured
 * one; a change of its properties is a new instance.
 */
@Component(factory = PileFactories.MODBUS_METER, configurationPolicy = ConfigurationPolicy.IGNORE, service = {})
public final class FactoryModbusMeter extends ModbusMeterImpl {

    @Activate
    public FactoryModbusMeter(@Reference ModbusManager modbus, BundleContext context, Config config,
            Map<String, Object> properties) {
        super(modbus, context, config, properties);
    }

    /** Declared here: Declarative Services reads the lifecycle of this class, not of the one it extends. */
    @Override
    @Deactivate
    void deactivate() {
        super.deactivate();
    }
}
