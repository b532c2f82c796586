package org.pilegate.platform.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.pilegate.api.secret.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the operator account for the Karaf shell and SSH on first start, because pilegate ships without any
 * default password. The secret comes from the environment variable {@value #PASSWORD_ENV}, or is generated and
 * written, readable by the owner only, to {@code etc/}{@value #GENERATED_SECRET_FILE}. An existing user in
 * {@code etc/users.properties} is never touched.
 */
@Component(immediate = true, configurationPid = OperatorAccountProvisioner.PID)
@Designate(ocd = OperatorAccountProvisioner.Config.class)
public class OperatorAccountProvisioner {

    static final String PID = "org.pilegate.platform.operator";
    static final String PASSWORD_ENV = "PILEGATE_ADMIN_PASSWORD";
    static final String GENERATED_SECRET_FILE = "admin.password";
    private static final String PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_PASSWORD_LENGTH = 20;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAccountProvisioner.class);

    private final PasswordHashing hashing;

    @ObjectClassDefinition(name = "pilegate operator account",
            description = "The shell/SSH operator account created on first start when etc/users.properties has none.")
    public @interface Config {
        @AttributeDefinition(name = "User name", description = "Login of the operator account.")
        String user() default "admin";
    }

    @Activate
    public OperatorAccountProvisioner(@Reference(name = "hashing") PasswordHashing hashing) {
        this.hashing = hashing;
    }

    @Activate
    void activate(Config config) throws IOException {
        provision(config, Path.of(System.getProperty("karaf.etc", "etc")));
    }

    /**
     * A changed user name is checked like the first one; it is used only while no user exists yet. A wrong one is
     * refused naming the PID, the key and why (the framework logs it), and nothing is written.
     */
    @Modified
    void modified(Config config) throws IOException {
        activate(config);
    }

    void provision(Config config, Path etc) throws IOException {
        try {
            UsersProperties.requireUserName(config.user());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + ": user: " + e.getMessage(), e);
        }
        Path usersFile = etc.resolve("users.properties");
        List<String> lines = Files.exists(usersFile)
                ? Files.readAllLines(usersFile, StandardCharsets.ISO_8859_1)
                : List.of();
        if (UsersProperties.hasUser(lines)) {
            return;
        }
        Optional<String> configured = Optional.ofNullable(System.getenv(PASSWORD_ENV)).filter(s -> !s.isBlank());
        String password = configured.orElseGet(OperatorAccountProvisioner::generatePassword);
        Files.write(usersFile, UsersProperties.withOperator(lines, config.user(), hashing.stored(password)),
                StandardCharsets.ISO_8859_1);
        if (configured.isPresent()) {
            LOG.info("Operator account '{}' created with the password from {}", config.user(), PASSWORD_ENV);
        } else {
            Path secretFile = etc.resolve(GENERATED_SECRET_FILE);
            Secrets.writeOwnerOnly(secretFile, password + System.lineSeparator());
            LOG.warn("Operator account '{}' created; its generated password is in {}", config.user(), secretFile);
        }
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_LENGTH);
        for (int i = 0; i < GENERATED_PASSWORD_LENGTH; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }
}
