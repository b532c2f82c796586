package org.pilegate.routing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pilegate.routing.internal.GatewayHttpFixture.freePort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pilegate.api.secret.PemFiles;

class TlsEndpointTest {

    @TempDir
    Path etc;

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final int plainPort = freePort();
    private final int tlsPort = freePort();
    private TerminalHttpServer server;

    @AfterEach
    void stop() {
        camel.stop();
        if (server != null) {
            server.deactivate();
        }
    }

    @Test
    void aSelfSignedCertificateIsGeneratedOnFirstStartKeptAndServedWithHsts() throws Exception {
        start();
        Path certificateFile = etc.resolve(TlsSettings.GENERATED_CERTIFICATE);
        Path keyFile = etc.resolve(TlsSettings.GENERATED_KEY);
        X509Certificate generated = PemFiles.readCertificate(certificateFile);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("EC", generated.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", generated.getSigAlgName());

        HttpResponse<String> secure = httpsGet(generated, "/ping");
        assertEquals("pong", secure.body());
        assertEquals(TlsEndpoint.HSTS_VALUE, secure.headers().firstValue(TlsEndpoint.HSTS).orElseThrow());
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + plainPort + "/ping")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("pong", plain.body());
        assertFalse(plain.headers().firstValue(TlsEndpoint.HSTS).isPresent(), "no HSTS over plain HTTP");

        server.deactivate();
        server = null;
        start();
        assertEquals(generated.getSerialNumber(), presented().getSerialNumber(), "the next start reuses it");
    }

    @Test
    void aReplacedCertificateIsPresentedByTheNextHandshakeWithoutARestart() throws Exception {
        start();
        X509Certificate before = presented();
        X509Certificate replacement = generateIn(etc.resolve("renewed"));

        // as an operator or a renewal script does: the new files moved over the old ones
        for (String file : new String[] {TlsSettings.GENERATED_KEY, TlsSettings.GENERATED_CERTIFICATE}) {
            Files.move(etc.resolve("renewed").resolve(file), etc.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }

        Instant deadline = Instant.now().plusSeconds(4 * TlsEndpoint.WATCH_SECONDS);
        while (!replacement.getSerialNumber().equals(presentedNowOrNull())) {
            assertTrue(Instant.now().isBefore(deadline), "the replaced certificate is presented in time");
            Thread.sleep(200);
        }
        assertNotEquals(before.getSerialNumber(), replacement.getSerialNumber());
        assertEquals("pong", httpsGet(replacement, "/ping").body(), "clients trusting the new one get through");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedAndTheCertificateInUseStays() throws Exception {
        start();
        X509Certificate inUse = presented();
        generateIn(etc.resolve("other"));
        Path certificate = etc.resolve(TlsSettings.GENERATED_CERTIFICATE);
        Path otherKey = etc.resolve("other").resolve(TlsSettings.GENERATED_KEY);

        String message = assertThrows(IllegalArgumentException.class, () -> server.modified(RoutingConfigs.config(
                "127.0.0.1", plainPort, tlsPort, certificate.toString(), otherKey.toString()))).getMessage();

        assertEquals("org.pilegate.routing: certificateFile/keyFile: " + otherKey
                + " is not the private key of the certificate in " + certificate, message);
        assertEquals(inUse.getSerialNumber(), presented().getSerialNumber());
    }

    @Test
    void aCertificateWithoutItsKeyIsRefusedNamingTheKeys() {
        String message = assertThrows(IllegalArgumentException.class, () -> TlsSettings.of(
                RoutingConfigs.config("127.0.0.1", 8181, 8443, "gateway.pem", ""), etc)).getMessage();
        assertEquals("org.pilegate.routing: certificateFile/keyFile: give both, or neither for a generated"
                + " self-signed certificate; certificateFile is 'gateway.pem', keyFile is ''", message);
        assertEquals("org.pilegate.routing: tlsPort: 8181 is the plain HTTP port too", assertThrows(
                IllegalArgumentException.class, () -> TlsSettings.of(RoutingConfigs.config("127.0.0.1", 8181, 8181),
                        etc)).getMessage());
    }

    @Test
    void tls11IsRefusedWhereTls12And13AreSpoken() throws Exception {
        start();
        X509Certificate certificate = presented();
        assertEquals("TLSv1.2", handshake(certificate, "TLSv1.2"));
        assertEquals("TLSv1.3", handshake(certificate, "TLSv1.3"));
        // this JVM would speak TLS 1.1 (see tls-1.1-allowed.security): the refusal is the gateway's
        assertThrows(SSLException.class, () -> handshake(certificate, "TLSv1.1"));
    }

    private void start() throws Exception {
        server = new TerminalHttpServer(camel, new ListenAddress("127.0.0.1", plainPort), new TlsSettings("127.0.0.1",
                tlsPort, etc.resolve(TlsSettings.GENERATED_CERTIFICATE), etc.resolve(TlsSettings.GENERATED_KEY), true));
        camel.start();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(server.httpUri("/ping", "GET")).routeId("ping").setBody(constant("pong"));
            }
        });
    }

    private static X509Certificate generateIn(Path dir) throws Exception {
        return TlsCertificate.load(new TlsSettings("127.0.0.1", 1, dir.resolve(TlsSettings.GENERATED_CERTIFICATE),
                dir.resolve(TlsSettings.GENERATED_KEY), true)).certificate();
    }

    private HttpResponse<String> httpsGet(X509Certificate trusted, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(trusted))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + tlsPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The certificate a new handshake presents, whichever it is. */
    private X509Certificate presented() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // looked at, not trusted: nothing is sent over this connection
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    /**
     * The serial of the certificate presented now; null for a handshake Vert.x 4.5 drops in the instant it swaps
     * certificates (the client's next attempt gets the new one).
     */
    private java.math.BigInteger presentedNowOrNull() throws Exception {
        try {
            return presented().getSerialNumber();
        } catch (SSLException | java.net.SocketException dropped) {
            return null;
        }
    }

    private String handshake(X509Certificate trusted, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting(trusted).getSocketFactory().createSocket("127.0.0.1", tlsPort)) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(5_000);
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static SSLContext trusting(X509Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
