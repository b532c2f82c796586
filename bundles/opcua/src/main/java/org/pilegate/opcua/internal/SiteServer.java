package org.pilegate.opcua.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.api.config.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.util.HostnameUtil;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.DefaultTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.types.structured.UserTokenPolicy;
import org.eclipse.milo.opcua.stack.server.EndpointConfiguration;
import org.eclipse.milo.opcua.stack.server.security.DefaultServerCertificateValidator;
import org.pilegate.api.pile.PileId;
import org.pilegate.api.work.GatewayThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running OPC UA server with the site's namespace. Endpoints: Basic256Sha256 with Sign and with SignAndEncrypt
 * for users (and anonymous clients if browsing is enabled); SecurityPolicy None for discovery, where only anonymous
 * sessions can be opened, and only if browsing is enabled. Client certificates are accepted once an operator moved them
 * from {@code pki/rejected} to {@code pki/trusted/certs} of the certificate folder.
 */
final class SiteServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SiteServer.class);
    private static final String PRODUCT_URI = "urn:pilegate:opcua";
    private static final long SHUTDOWN_TIMEOUT_S = 10;

    private final OpcUaServer server;
    private final SiteNamespace namespace;
    private final DefaultTrustListManager trustList;
    private final List<String> endpointUrls;

    /**
     * Starts the server.
     *
     * @param version the gateway's version, shown in the server's build info
     * @throws IOException if it cannot listen
     */
    static SiteServer start(ServerSettings settings, DepotActions actions,
            Function<PileId, Optional<String>> meterOfPile, Clock clock, GatewayThreads threads, String version)
            throws IOException, GeneralSecurityException, InterruptedException {
        Set<String> hostnames = settings.hostnames().isEmpty() ? HostnameUtil.getHostnames(settings.bindAddress())
                : new LinkedHashSet<>(settings.hostnames());
        ServerCertificates certificates = ServerCertificates.loadOrCreate(settings.certificateDir(), hostnames);
        DefaultTrustListManager trustList = new DefaultTrustListManager(
                settings.certificateDir().resolve("pki").toFile());
        SiteServer server = new SiteServer(settings, hostnames, certificates, trustList, actions, meterOfPile, clock,
                threads, version);
        try {
            server.server.startup().get(SHUTDOWN_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IOException("the OPC UA server did not start on " + server.endpointUrls + ": " + e, e);
        }
        // Milo only logs a failed bind and starts without a listener; that must not pass for a running server
        if (server.server.getStackServer().getBoundEndpoints().isEmpty()) {
            server.close();
            throw new IOException("the OPC UA server could not listen on " + server.endpointUrls
                    + " (port taken or address not local)");
        }
        LOG.info("OPC UA server listening on {} ({}; {} users)", server.endpointUrls,
                settings.anonymousBrowsing() ? "anonymous browsing enabled" : "no anonymous access",
                settings.users().isEmpty() ? "no" : settings.users());
        return server;
    }

    private SiteServer(ServerSettings settings, Set<String> hostnames, ServerCertificates certificates,
            DefaultTrustListManager trustList, DepotActions actions, Function<PileId, Optional<String>> meterOfPile,
            Clock clock, GatewayThreads threads, String version) {
        this.trustList = trustList;
        this.endpointUrls = hostnames.stream()
                .map(host -> "opc.tcp://" + host + ":" + settings.port() + settings.path()).toList();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri(certificates.applicationUri())
                .setApplicationName(LocalizedText.english("pilegate"))
                .setProductUri(PRODUCT_URI)
                .setBuildInfo(new BuildInfo(PRODUCT_URI, "pilegate", "pilegate OPC UA server", version, version,
                        DateTime.now()))
                .setEndpoints(endpoints(settings, hostnames, certificates))
                .setCertificateManager(new DefaultCertificateManager(certificates.keyPair(),
                        certificates.certificate()))
                .setTrustListManager(trustList)
                .setCertificateValidator(new DefaultServerCertificateValidator(trustList))
                .setIdentityValidator(new OperatorIdentityValidator(settings.users(), settings.anonymousBrowsing()))
                .build();
        this.server = new OpcUaServer(config);
        this.namespace = new SiteNamespace(server, actions, meterOfPile, clock, threads);
        namespace.startup();
    }

    SiteNamespace namespace() {
        return namespace;
    }

    List<String> endpointUrls() {
        return endpointUrls;
    }

    private static Set<EndpointConfiguration> endpoints(ServerSettings settings, Set<String> hostnames,
            ServerCertificates certificates) {
        List<UserTokenPolicy> securedTokens = new ArrayList<>();
        securedTokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        if (settings.anonymousBrowsing()) {
            securedTokens.add(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
        }
        Set<EndpointConfiguration> endpoints = new LinkedHashSet<>();
        for (String hostname : hostnames) {
            EndpointConfiguration.Builder base = EndpointConfiguration.newBuilder()
                    .setBindAddress(settings.bindAddress())
                    .setBindPort(settings.port())
                    .setHostname(hostname)
                    .setPath(settings.path())
                    .setCertificate(certificates.certificate());
            for (MessageSecurityMode mode : List.of(MessageSecurityMode.Sign, MessageSecurityMode.SignAndEncrypt)) {
                endpoints.add(base.copy()
                        .setSecurityPolicy(SecurityPolicy.Basic256Sha256)
                        .setSecurityMode(mode)
                        .addTokenPolicies(securedTokens.toArray(UserTokenPolicy[]::new))
                        .build());
            }
            // Unsecured: clients discover the endpoints over it. Its only token is the anonymous one (Milo lists it
            // on an endpoint without tokens anyway), so no password ever crosses it in clear, and the identity
            // validator refuses that token unless anonymous browsing is enabled.
            EndpointConfiguration.Builder unsecured = base.copy()
                    .setSecurityPolicy(SecurityPolicy.None)
                    .setSecurityMode(MessageSecurityMode.None);
            if (settings.anonymousBrowsing()) {
                unsecured.addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS);
            }
            endpoints.add(unsecured.build());
        }
        return endpoints;
    }

    @Override
    public void close() throws InterruptedException {
        namespace.shutdown();
        try {
            server.shutdown().get(SHUTDOWN_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The OPC UA server did not shut down cleanly", e);
        }
        try {
            trustList.close();
        } catch (IOException e) {
            LOG.debug("Closing the OPC UA trust list failed", e);
        }
    }
}
