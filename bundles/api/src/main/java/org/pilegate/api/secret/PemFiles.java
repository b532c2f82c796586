package org.pilegate.api.secret;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys as PEM files, the form operators get them in and the gateway keeps the ones it
 * generates in: X.509 certificates and unencrypted PKCS #8 keys (RSA or EC). A private key is written readable by the
 * gateway's user only.
 */
public final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC");

    private PemFiles() {
    }

    /** The PEM text of one {@code type} block ("CERTIFICATE", "PRIVATE KEY") holding {@code der}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /**
     * The certificate in {@code file}, the first if it holds a chain.
     *
     * @throws GeneralSecurityException naming the file when it holds no certificate
     */
    public static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        byte[] der = block(file, "CERTIFICATE");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * The unencrypted PKCS #8 private key ({@code BEGIN PRIVATE KEY}) in {@code file}, RSA or EC.
     *
     * @throws GeneralSecurityException naming the file when it holds no such key
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(block(file, "PRIVATE KEY"));
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm may read it
            }
        }
        throw new GeneralSecurityException(file + ": the private key is neither RSA nor EC");
    }

    /** Writes a generated pair: the key readable by the owner only, the certificate by anyone. */
    public static void writePair(Path keyFile, PrivateKey key, Path certificateFile, X509Certificate certificate)
            throws IOException, GeneralSecurityException {
        Secrets.writeOwnerOnly(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
    }

    private static byte[] block(Path file, String type) throws IOException, GeneralSecurityException {
        Matcher matcher = BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    throw new GeneralSecurityException(file + ": the " + type + " block is not base64", e);
                }
            }
        }
        throw new GeneralSecurityException(file + ": no -----BEGIN " + type + "----- block (PEM expected"
                + ("PRIVATE KEY".equals(type) ? ", unencrypted PKCS #8" : "") + ")");
    }
}
