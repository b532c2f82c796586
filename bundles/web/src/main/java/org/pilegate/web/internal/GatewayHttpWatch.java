package org.pilegate.web.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers {@link GatewayHttp} while the routing bundle's HTTP server runs. That server binds the platform-http
 * engine and router into the CamelContext when it is constructed; a route started before that would create a
 * platform-http component of its own on another port, left out for good and in the way of the terminal routes, and a
 * route still running after the server stopped would hold a closed router. The server's class is internal to the
 * routing bundle, so it is watched by name and never loaded here.
 * <p>
 * Declarative Services registers the server's service before it constructs the server, so the registration is only
 * the signal: {@link GatewayHttp} follows once getting the service, which waits for the construction, succeeded —
 * off the registering thread, which is the one constructing. It goes as soon as the server's service is unregistered,
 * which comes before the server stops.
 */
@Component(immediate = true)
public class GatewayHttpWatch {

    static final String HTTP_SERVER_CLASS = "org.pilegate.routing.internal.TerminalHttpServer";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpWatch.class);

    private final ExecutorService waiter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "pilegate-web-http-watch");
        thread.setDaemon(true);
        return thread;
    });
    private final ServiceTracker<Object, Attachment> tracker;

    /** The web routes' attachment to one registration of the server. */
    private final class Attachment {

        private final BundleContext context;
        private final ServiceReference<Object> server;
        private ServiceRegistration<GatewayHttp> registration;
        private boolean gotServer;
        private boolean detached;

        Attachment(BundleContext context, ServiceReference<Object> server) {
            this.context = context;
            this.server = server;
        }

        void attach() {
            Object running = context.getService(server);
            synchronized (this) {
                gotServer = running != null;
                if (detached || !gotServer) {
                    if (!gotServer) {
                        LOG.warn("The gateway's HTTP server did not start: the web pages and operator API are off");
                    }
                    return;
                }
                registration = context.registerService(GatewayHttp.class, new GatewayHttp(), null);
                LOG.debug("Web routes attach to the gateway's HTTP server");
            }
        }

        synchronized void detach() {
            detached = true;
            if (registration != null) {
                registration.unregister();
                LOG.debug("Web routes leave the gateway's HTTP server");
            }
            if (gotServer) {
                context.ungetService(server);
            }
        }
    }

    @Activate
    public GatewayHttpWatch(BundleContext context) throws InvalidSyntaxException {
        tracker = new ServiceTracker<>(context, context.createFilter("(objectClass=" + HTTP_SERVER_CLASS + ")"),
                null) {
            @Override
            public Attachment addingService(ServiceReference<Object> server) {
                Attachment attachment = new Attachment(context, server);
                waiter.execute(attachment::attach);
                return attachment;
            }

            @Override
            public void removedService(ServiceReference<Object> server, Attachment attachment) {
                attachment.detach();
            }
        };
        tracker.open(true);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        tracker.close();
        waiter.shutdown();
        waiter.awaitTermination(10, TimeUnit.SECONDS);
    }
}
