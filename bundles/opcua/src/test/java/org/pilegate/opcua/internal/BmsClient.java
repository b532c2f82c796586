package org.pilegate.opcua.internal;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.api.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.IdentityProvider;
import org.eclipse.milo.opcua.sdk.client.api.identity.UsernameProvider;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.CallMethodRequest;
import org.eclipse.milo.opcua.stack.core.types.structured.ReferenceDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;

/** A building management system as the server sees it: a real Milo client with its own certificate. */
final class BmsClient implements AutoCloseable {

    static final String APPLICATION_URI = "urn:pilegate:test:bms";
    private static final long TIMEOUT_S = 10;

    private final OpcUaClient client;
    private final int namespaceIndex;

    private BmsClient(OpcUaClient client) throws Exception {
        this.client = client;
        this.namespaceIndex = client.getNamespaceTable().getIndex(SiteNamespace.URI).intValue();
    }

    /** A key pair and a self-signed client certificate. */
    record Identity(KeyPair keyPair, X509Certificate certificate) {
        static Identity generate() throws Exception {
            KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(2048);
            X509Certificate certificate = new SelfSignedCertificateBuilder(keyPair)
                    .setCommonName("test BMS").setApplicationUri(APPLICATION_URI).addDnsName("localhost").build();
            return new Identity(keyPair, certificate);
        }

        /** Trusts it on the server, as an operator does by moving it from pki/rejected. */
        void trustOn(Path certificateDir) throws Exception {
            Path trusted = certificateDir.resolve("pki/trusted/certs");
            Files.createDirectories(trusted);
            Files.write(trusted.resolve("bms.der"), certificate.getEncoded());
        }
    }

    static BmsClient connect(String endpointUrl, SecurityPolicy policy, MessageSecurityMode mode, Identity identity,
            IdentityProvider user) throws Exception {
        String host = java.net.URI.create(endpointUrl).getHost();
        int port = java.net.URI.create(endpointUrl).getPort();
        OpcUaClient client = OpcUaClient.create(endpointUrl,
                endpoints -> endpoints.stream()
                        .filter(e -> e.getSecurityPolicyUri().equals(policy.getUri()) && e.getSecurityMode() == mode)
                        .findFirst()
                        .map(e -> EndpointUtil.updateUrl(e, host, port)),
                config -> config.setApplicationName(LocalizedText.english("test BMS"))
                        .setApplicationUri(APPLICATION_URI)
                        .setKeyPair(identity.keyPair())
                        .setCertificate(identity.certificate())
                        .setCertificateChain(new X509Certificate[] {identity.certificate()})
                        .setIdentityProvider(user)
                        .setRequestTimeout(uint(TIMEOUT_S * 1000))
                        .build());
        client.connect().get(TIMEOUT_S, TimeUnit.SECONDS);
        return new BmsClient(client);
    }

    static IdentityProvider anonymous() {
        return new AnonymousProvider();
    }

    static IdentityProvider user(String name, String password) {
        return new UsernameProvider(name, password);
    }

    OpcUaClient milo() {
        return client;
    }

    NodeId node(String path) {
        return new NodeId(namespaceIndex, path);
    }

    DataValue read(String path) throws Exception {
        return client.readValue(0, TimestampsToReturn.Both, node(path)).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    StatusCode write(String path, Variant value) throws Exception {
        return client.writeValue(node(path), new DataValue(value, null, null)).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    StatusCode call(String method, Variant... inputs) throws Exception {
        return client.call(new CallMethodRequest(node("Site"), node("Site/" + method), inputs))
                .get(TIMEOUT_S, TimeUnit.SECONDS).getStatusCode();
    }

    List<String> browseNames(String path) throws Exception {
        return client.getAddressSpace().browse(node(path)).stream()
                .map(ReferenceDescription::getBrowseName).map(name -> name.getName()).toList();
    }

    @Override
    public void close() throws Exception {
        client.disconnect().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
}
