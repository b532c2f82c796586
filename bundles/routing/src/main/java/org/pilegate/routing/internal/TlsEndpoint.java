package org.pilegate.routing.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SSLOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTPS and WSS: a second listener on the gateway's router, so it serves everything plain HTTP serves. TLS 1.2 and
 * 1.3 only. The certificate is reloaded in place: the files are looked at every {@value #WATCH_SECONDS} s (and on
 * every configuration change), and once replaced the next handshake presents the new certificate, while
 * connections already open keep theirs. A replacement that cannot be read, or whose key does not match, is logged
 * and the certificate in use stays.
 */
final class TlsEndpoint {

    static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");
    static final String HSTS = "Strict-Transport-Security";
    /** A year, as browsers' preload lists ask; no includeSubDomains: the gateway knows nothing of other hosts. */
    static final String HSTS_VALUE = "max-age=31536000";
    static final long WATCH_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(TlsEndpoint.class);

    private final Vertx vertx;
    private final Router router;
    private final List<String> subProtocols;
    private final long watch;
    private TlsSettings settings;
    private TlsCertificate certificate;
    private HttpServer server;

    TlsEndpoint(Vertx vertx, Router router, TlsSettings settings, List<String> subProtocols) {
        this.vertx = vertx;
        this.router = router;
        this.subProtocols = subProtocols;
        this.settings = settings;
        this.certificate = read(settings);
        this.server = listen(settings, certificate, "");
        this.watch = vertx.setPeriodic(WATCH_SECONDS * 1000, timer -> vertx.executeBlocking(() -> {
            reloadIfReplaced();
            return null;
        }, false));
        LOG.info("HTTPS and WSS listening on {} with {}", settings, certificate.certificate().getSubjectX500Principal());
    }

    /** Marks every HTTPS answer: browsers come back over HTTPS only. */
    static void strictTransportSecurity(RoutingContext context) {
        if (context.request().isSSL()) {
            context.response().putHeader(HSTS, HSTS_VALUE);
        }
        context.next();
    }

    /**
     * Applies changed settings: another address moves the listener (the new one listens before the old one closes),
     * other files are read and presented from the next handshake on. Refused, naming the PID and key, when the new
     * address cannot be bound or the new files cannot be used; the listener goes on as it was.
     */
    synchronized void modified(TlsSettings next) {
        TlsCertificate nextCertificate = read(next);
        if (!next.listensAsIn(settings)) {
            HttpServer moved = listen(next, nextCertificate, ", still listening on " + settings);
            HttpServer old = server;
            server = moved;
            TerminalHttpServer.await(old.close(), "HTTPS on " + settings + " did not close");
            LOG.info("HTTPS and WSS moved from {} to {}", settings, next);
        } else if (!next.equals(settings) || certificate.changedOnDisk(next)) {
            present(nextCertificate);
        }
        settings = next;
        certificate = nextCertificate;
    }

    /** Presents the files anew if they were replaced since they were read; keeps the certificate if they are wrong. */
    synchronized void reloadIfReplaced() {
        if (!certificate.changedOnDisk(settings)) {
            return;
        }
        try {
            TlsCertificate replaced = read(settings);
            present(replaced);
            certificate = replaced;
            LOG.info("HTTPS presents the replaced certificate {} (until {})",
                    replaced.certificate().getSubjectX500Principal(), replaced.certificate().getNotAfter());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error("{}; HTTPS goes on with the certificate it had", e.getMessage());
        }
    }

    synchronized void close() {
        vertx.cancelTimer(watch);
        TerminalHttpServer.await(server.close(), "HTTPS on " + settings + " did not close");
    }

    private void present(TlsCertificate next) {
        TerminalHttpServer.await(server.updateSSLOptions(new SSLOptions()
                .setKeyCertOptions(next.options())
                .setEnabledSecureTransportProtocols(PROTOCOLS), true), "HTTPS on " + settings
                + " did not take the new certificate");
    }

    private HttpServer listen(TlsSettings at, TlsCertificate with, String otherwise) {
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(with.options())
                .setEnabledSecureTransportProtocols(PROTOCOLS);
        if (!subProtocols.isEmpty()) {
            options.setWebSocketSubProtocols(subProtocols);
        }
        return TerminalHttpServer.await(vertx.createHttpServer(options)
                .requestHandler(router)
                .listen(at.port(), at.host()),
                TerminalHttpServer.PID + ": tlsHost/tlsPort: cannot listen on " + at + otherwise);
    }

    private static TlsCertificate read(TlsSettings settings) {
        try {
            return TlsCertificate.load(settings);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(TerminalHttpServer.PID + ": certificateFile/keyFile: "
                    + e.getMessage(), e);
        }
    }
}
