package org.pilegate.opcua.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The OPC UA server's settings, checked.
 *
 * @param bindAddress local address to listen on
 * @param port TCP port
 * @param path path of the endpoint URL, starting with '/'
 * @param hostnames names and addresses for endpoint URLs and the certificate; empty for all of the bind address
 * @param anonymousBrowsing whether clients without a user may browse, read and subscribe
 * @param users who may write and call methods
 * @param certificateDir where the server's key, certificate and trust list live
 */
record ServerSettings(String bindAddress, int port, String path, List<String> hostnames, boolean anonymousBrowsing,
        UserDirectory users, Path certificateDir) {

    static final String PID = "org.pilegate.opcua";
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /**
     * Checks a configuration.
     *
     * @param etc Karaf's etc/ folder, which a relative certificate folder is resolved against
     * @throws IllegalArgumentException naming the PID, the key and what is wrong
     */
    static ServerSettings from(OpcUaConfig config, Path etc) {
        String bindAddress = require("bindAddress", config.bindAddress());
        if (config.port() < 1 || config.port() > 65535) {
            throw invalid("port", "must be 1..65535, not " + config.port());
        }
        String path = config.path().strip();
        if (!PATH.matcher(path).matches()) {
            throw invalid("path", "must be '/' followed by letters, digits, '.', '_', '~', '-' and further '/'"
                    + " segments, not '" + path + "'");
        }
        List<String> hostnames = Arrays.stream(config.hostnames().split(",")).map(String::strip)
                .filter(name -> !name.isEmpty()).toList();
        UserDirectory users;
        try {
            users = UserDirectory.parse(config.users());
        } catch (IllegalArgumentException e) {
            throw invalid("users", e.getMessage());
        }
        Path certificateDir = etc.resolve(require("certificateDir", config.certificateDir()));
        return new ServerSettings(bindAddress, config.port(), path, hostnames, config.anonymousBrowsing(), users,
                certificateDir);
    }

    private static String require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "required, but empty");
        }
        return value.strip();
    }

    private static IllegalArgumentException invalid(String key, String why) {
        return new IllegalArgumentException("configuration " + PID + ": " + key + ": " + why);
    }
}
