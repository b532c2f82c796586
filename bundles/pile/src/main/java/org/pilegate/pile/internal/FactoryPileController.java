package org.pilegate.pile.internal;

import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.pile.PileFactories;

/**
 * A pile made by the component factory {@value PileFactories#PILE} from the properties a configuration would hold, as
 * {@link PileLayout} makes the piles of the depot's table. It runs as a configured one; a change of its properties is
 * a new instance.
 */
@Component(factory = PileFactories.PILE, configurationPolicy = ConfigurationPolicy.IGNORE, service = {})
public final class FactoryPileController extends PileControllerComponent {

    @Activate
    public FactoryPileController(@Reference PileWatch watchdog, @Reference DepotShares depot,
            @Reference Devices devices, BundleContext context, PileConfig config, Map<String, Object> properties) {
        super(watchdog, depot, devices, context, config, properties);
    }

    /** Declared here: Declarative Services reads the lifecycle of this class, not of the one it extends. */
    @Override
    @Deactivate
    void deactivate() {
        super.deactivate();
    }
}
