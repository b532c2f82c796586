package org.pilegate.routing.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.pilegate.api.secret.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The certificate and key HTTPS presents, read from PEM files and checked to belong together; generated self-signed
 * (as the OPC UA server's, with Milo's builder) when none was configured and none was generated before, and kept so
 * that clients which trusted it keep trusting it. Remembers what the files looked like when read, so that a
 * replaced file is noticed.
 */
final class TlsCertificate {

    private static final Logger LOG = LoggerFactory.getLogger(TlsCertificate.class);
    /** P-256: every TLS client of the last decade takes it, and a handshake signs at a fraction of RSA's cost. */
    private static final int EC_KEY_BITS = 256;

    private final X509Certificate certificate;
    private final PemKeyCertOptions options;
    private final List<Object> stamp;

    private TlsCertificate(X509Certificate certificate, PemKeyCertOptions options, List<Object> stamp) {
        this.certificate = certificate;
        this.options = options;
        this.stamp = stamp;
    }

    /**
     * Reads the pair {@code settings} name, generating it first if it is the gateway's own and does not exist yet.
     *
     * @throws GeneralSecurityException naming the file and what is wrong with it
     */
    static TlsCertificate load(TlsSettings settings) throws IOException, GeneralSecurityException {
        Path certificateFile = settings.certificateFile();
        Path keyFile = settings.keyFile();
        if (settings.generated() && !Files.exists(certificateFile) && !Files.exists(keyFile)) {
            generate(certificateFile, keyFile);
        }
        List<Object> stamp = stampOf(certificateFile, keyFile);
        X509Certificate certificate = PemFiles.readCertificate(certificateFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        checkPair(certificate, key, certificateFile, keyFile);
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException outOfDate) {
            // served all the same: clients decide, and plain HTTP and the routes stay up while it is renewed
            LOG.warn("{} is valid from {} until {} only: clients will refuse it", certificateFile,
                    certificate.getNotBefore(), certificate.getNotAfter());
        }
        PemKeyCertOptions options = new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(Files.readAllBytes(certificateFile)))
                .setKeyValue(Buffer.buffer(Files.readAllBytes(keyFile)));
        return new TlsCertificate(certificate, options, stamp);
    }

    X509Certificate certificate() {
        return certificate;
    }

    PemKeyCertOptions options() {
        return options;
    }

    /** Whether either file was replaced, changed or removed since it was read. */
    boolean changedOnDisk(TlsSettings settings) {
        try {
            return !stamp.equals(stampOf(settings.certificateFile(), settings.keyFile()));
        } catch (IOException gone) {
            return true;
        }
    }

    private static List<Object> stampOf(Path certificateFile, Path keyFile) throws IOException {
        BasicFileAttributes certificate = Files.readAttributes(certificateFile, BasicFileAttributes.class);
        BasicFileAttributes key = Files.readAttributes(keyFile, BasicFileAttributes.class);
        return List.of(certificate.lastModifiedTime(), certificate.size(), String.valueOf(certificate.fileKey()),
                key.lastModifiedTime(), key.size(), String.valueOf(key.fileKey()));
    }

    /** A key that signs what the certificate's public key verifies is the certificate's. */
    private static void checkPair(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile)
            throws GeneralSecurityException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException otherKind) {
            // an RSA key against an EC certificate, or the other way round
        }
        throw new GeneralSecurityException(keyFile + " is not the private key of the certificate in " + certificateFile);
    }

    private static void generate(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        Files.createDirectories(certificateFile.toAbsolutePath().getParent());
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        KeyPair keyPair = SelfSignedCertificateGenerator.generateEcKeyPair(EC_KEY_BITS);
        SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("pilegate gateway")
                .setOrganization("pilegate")
                // Milo writes the subject alternative names, which clients check the host against, with a URI only
                .setApplicationUri("urn:pilegate:gateway")
                .setValidityPeriod(Period.ofYears(10));
        Set<String> names = new LinkedHashSet<>(List.of("localhost"));
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException unnamed) {
            LOG.debug("This machine has no host name for the certificate", unnamed);
        }
        names.forEach(builder::addDnsName);
        Set<String> addresses = addresses();
        addresses.forEach(builder::addIpAddress);
        X509Certificate certificate;
        try {
            certificate = builder.build();
        } catch (Exception e) {
            throw new GeneralSecurityException("generating the gateway's certificate failed", e);
        }
        PemFiles.writePair(keyFile, keyPair.getPrivate(), certificateFile, certificate);
        LOG.info("Self-signed TLS certificate generated for {} and {} in {}", names, addresses, certificateFile);
    }

    /** The loopback addresses and those of this machine's interfaces, without link-local ones. */
    private static Set<String> addresses() {
        Set<String> addresses = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                network.inetAddresses()
                        .filter(address -> !address.isLinkLocalAddress() && !address.isLoopbackAddress())
                        .map(address -> address.getHostAddress().replaceFirst("%.*$", ""))
                        .forEach(addresses::add);
            }
        } catch (SocketException unlisted) {
            LOG.debug("This machine's addresses could not be listed for the certificate", unlisted);
        }
        return addresses;
    }
}
