package org.pilegate.opcua.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Period;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;

import org.eclipse.milo.opcua.stack.core.util.CertificateUtil;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateGenerator;
import org.pilegate.api.secret.PemFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's application instance certificate and key, generated on first start as PEM files and reused after,
 * so that clients which trusted the server keep trusting it. The application URI is the one in the certificate.
 *
 * @param keyPair the server's RSA key pair
 * @param certificate its self-signed certificate
 * @param applicationUri the URI the certificate names
 */
record ServerCertificates(KeyPair keyPair, X509Certificate certificate, String applicationUri) {

    static final String KEY_FILE = "server-key.pem";
    static final String CERTIFICATE_FILE = "server-cert.pem";
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);
    private static final Pattern IP_ADDRESS = Pattern.compile("[0-9.]+|.*:.*");
    private static final int KEY_BITS = 2048;

    /**
     * Reads the key and certificate from {@code dir}, or generates them there if there are none yet.
     *
     * @param hostnames the names and addresses the certificate is made out to, when it is generated
     */
    static ServerCertificates loadOrCreate(Path dir, Collection<String> hostnames)
            throws IOException, GeneralSecurityException {
        Path keyFile = dir.resolve(KEY_FILE);
        Path certificateFile = dir.resolve(CERTIFICATE_FILE);
        if (Files.exists(keyFile) && Files.exists(certificateFile)) {
            return load(keyFile, certificateFile);
        }
        Files.createDirectories(dir);
        KeyPair keyPair = SelfSignedCertificateGenerator.generateRsaKeyPair(KEY_BITS);
        String applicationUri = "urn:pilegate:opcua:" + UUID.randomUUID();
        SelfSignedCertificateBuilder builder = new SelfSignedCertificateBuilder(keyPair)
                .setCommonName("pilegate OPC UA server")
                .setOrganization("pilegate")
                .setApplicationUri(applicationUri)
                .setValidityPeriod(Period.ofYears(10));
        hostnames.forEach(name -> {
            if (IP_ADDRESS.matcher(name).matches()) {
                builder.addIpAddress(name);
            } else {
                builder.addDnsName(name);
            }
        });
        X509Certificate certificate;
        try {
            certificate = builder.build();
        } catch (Exception e) {
            throw new GeneralSecurityException("generating the server certificate failed", e);
        }
        PemFiles.writePair(keyFile, keyPair.getPrivate(), certificateFile, certificate);
        LOG.info("OPC UA server certificate generated for {} ({}) in {}", applicationUri, hostnames, dir);
        return new ServerCertificates(keyPair, certificate, applicationUri);
    }

    private static ServerCertificates load(Path keyFile, Path certificateFile)
            throws IOException, GeneralSecurityException {
        X509Certificate certificate = PemFiles.readCertificate(certificateFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        String applicationUri = CertificateUtil.getSanUri(certificate).orElseThrow(() ->
                new GeneralSecurityException(certificateFile + " names no application URI"));
        return new ServerCertificates(new KeyPair(certificate.getPublicKey(), key), certificate, applicationUri);
    }
}
