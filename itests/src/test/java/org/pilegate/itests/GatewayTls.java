package org.pilegate.itests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients of the gateway's HTTPS port: trusting its certificate, and one offering TLS 1.1 at most. */
final class GatewayTls {

    /** A TLS alert record: what a server refusing the handshake answers. */
    static final int ALERT = 0x15;
    /** A TLS handshake record: what a server agreeing answers (its ServerHello). */
    static final int HANDSHAKE = 0x16;

    private GatewayTls() {
    }

    /** An HTTP/1.1 client that trusts the certificate the gateway generated, and only that. */
    static HttpClient client() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("gateway", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readAllBytes(PilegateDistribution.gatewayCertificate()))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Sends a ClientHello that offers TLS 1.1 at most, written byte by byte (this JVM's own TLS would not send one),
     * and returns the type of the first record the server answers, or -1 if it closes without one.
     */
    static int answerToTls11(int port) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA
        byte[] suites = {(byte) 0xc0, 0x13, (byte) 0xc0, 0x14, 0x00, 0x2f};
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + suites.length + 2);
        body.put((byte) 3).put((byte) 2).put(random).put((byte) 0)
                .putShort((short) suites.length).put(suites)
                .put((byte) 1).put((byte) 0);
        ByteBuffer record = ByteBuffer.allocate(5 + 4 + body.capacity());
        record.put((byte) HANDSHAKE).put((byte) 3).put((byte) 2).putShort((short) (4 + body.capacity()))
                .put((byte) 1).put((byte) 0).putShort((short) body.capacity()).put(body.array());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(record.array());
            out.flush();
            InputStream in = socket.getInputStream();
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
