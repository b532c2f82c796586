package org.pilegate.platform.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.karaf.jaas.modules.Encryption;
import org.apache.karaf.jaas.modules.EncryptionService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The JAAS encryption service the realm {@code karaf} uses ({@code encryption.name = pilegate} in
 * {@code etc/org.apache.karaf.jaas.cfg}): Karaf's own spring-security-crypto service (bcrypt by default) for every
 * password, plus the one-time upgrade of the unsalted SHA-256 digests earlier gateways stored
 * ({@link UpgradingEncryption}).
 */
@Component(service = {EncryptionService.class, PasswordHashing.class},
        property = "name=" + PasswordHashing.NAME)
public class PasswordHashing implements EncryptionService {

    static final String NAME = "pilegate";
    /** What the operator account created on first start is hashed with; the realm's setting checks it. */
    static final Map<String, String> SCHEME = Map.of(EncryptionService.ALGORITHM, "bcrypt");
    private static final String KARAF_SERVICE = "(name=spring-security-crypto)";

    private final EncryptionService karaf;
    private final Path usersFile;

    @Activate
    public PasswordHashing(@Reference(target = KARAF_SERVICE) EncryptionService karaf) {
        this(karaf, Path.of(System.getProperty("karaf.etc", "etc"), "users.properties"));
    }

    PasswordHashing(EncryptionService karaf, Path usersFile) {
        this.karaf = karaf;
        this.usersFile = usersFile;
    }

    /**
     * The realm's options less {@code encoding}: bcrypt's output is text already, and the realm's default,
     * hexadecimal, would only encode it once more.
     */
    @Override
    public Encryption createEncryption(Map<String, String> params) {
        Map<String, String> options = new HashMap<>(params);
        options.remove(EncryptionService.ENCODING);
        return new UpgradingEncryption(karaf.createEncryption(options), usersFile);
    }

    /** A new password as {@code etc/users.properties} stores it: {@code {CRYPT}<bcrypt>{CRYPT}}. */
    String stored(String password) {
        return "{CRYPT}" + karaf.createEncryption(SCHEME).encryptPassword(password) + "{CRYPT}";
    }
}
