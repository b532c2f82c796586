package org.pilegate.uplink.internal;

import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The uplink's configuration, checked: a wrong value is refused with its key and why, and the uplink keeps its last
 * good settings. Secrets are never part of {@link #toString()}.
 */
record UplinkSettings(boolean enabled, String bootstrapServers, String siteId, String topicPrefix,
        String securityProtocol, String saslMechanism, String saslUsername, String saslPassword,
        String truststore, String truststorePassword, String keystore, String keystorePassword, long budgetBytes,
        Duration relayInterval, Duration telemetryInterval, SiteLocation location, boolean acceptCommands,
        Duration commandLifetimeMax, Duration commandRetention) {

    static final String PID = "org.pilegate.uplink";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,36}");
    private static final Pattern SERVER = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}");
    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("SCRAM-SHA-256", "SCRAM-SHA-512");

    static UplinkSettings of(UplinkConfig config) {
        SiteLocation location = SiteLocation.of(config);
        UplinkSettings settings = new UplinkSettings(config.enabled(), config.bootstrapServers().trim(),
                config.siteId().trim(), config.topicPrefix().trim(), config.securityProtocol().trim(),
                config.saslMechanism().trim(), config.saslUsername().trim(), config.saslPassword(),
                config.sslTruststoreLocation().trim(), config.sslTruststorePassword(),
                config.sslKeystoreLocation().trim(), config.sslKeystorePassword(),
                config.outboxBudgetMb() * 1024L * 1024L, Duration.ofMillis(config.relayIntervalMs()),
                Duration.ofSeconds(config.telemetryIntervalS()), location, config.acceptCommands(),
                Duration.ofHours(config.commandLifetimeMaxH()), Duration.ofHours(config.commandRetentionH()));
        check(config.outboxBudgetMb() >= 1, "outboxBudgetMb", "must be at least 1, not " + config.outboxBudgetMb());
        check(config.relayIntervalMs() >= 50, "relayIntervalMs", "must be at least 50, not "
                + config.relayIntervalMs());
        check(config.telemetryIntervalS() >= 10, "telemetryIntervalS", "must be at least 10, not "
                + config.telemetryIntervalS());
        check(config.commandLifetimeMaxH() >= 1, "commandLifetimeMaxH", "must be at least 1, not "
                + config.commandLifetimeMaxH());
        // a command delivered again once its id is forgotten must have expired, so that it is refused, not applied
        check(config.commandRetentionH() > config.commandLifetimeMaxH(), "commandRetentionH", "must be longer than"
                + " commandLifetimeMaxH (" + config.commandLifetimeMaxH() + " h), not " + config.commandRetentionH());
        check(PROTOCOLS.contains(settings.securityProtocol), "securityProtocol", "must be one of " + PROTOCOLS
                + ", not '" + settings.securityProtocol + "'");
        check(MECHANISMS.contains(settings.saslMechanism), "saslMechanism", "must be one of " + MECHANISMS
                + ", not '" + settings.saslMechanism + "'");
        check(NAME.matcher(settings.topicPrefix).matches(), "topicPrefix", "must be 1 to 36 letters, digits, '.',"
                + " '_' or '-', not '" + settings.topicPrefix + "'");
        if (settings.enabled) {
            check(!settings.siteId.isEmpty() && NAME.matcher(settings.siteId).matches(), "siteId",
                    "must be 1 to 36 letters, digits, '.', '_' or '-', not '" + settings.siteId + "'");
            check(!settings.bootstrapServers.isEmpty(), "bootstrapServers", "must name at least one host:port");
            for (String server : settings.bootstrapServers.split(",")) {
                check(SERVER.matcher(server.trim()).matches(), "bootstrapServers", "'" + server.trim()
                        + "' is not host:port");
            }
            if (settings.sasl()) {
                check(!settings.saslUsername.isEmpty(), "saslUsername", "must be set for " + settings.securityProtocol);
                check(!settings.saslPassword.isEmpty(), "saslPassword", "must be set for " + settings.securityProtocol);
            }
            location.check();
        }
        return settings;
    }

    static void check(boolean holds, String key, String why) {
        if (!holds) {
            throw new IllegalArgumentException("configuration " + PID + ": " + key + ": " + why);
        }
    }

    boolean sasl() {
        return securityProtocol.startsWith("SASL_");
    }

    String topic(Topic topic) {
        return topicPrefix + "." + topic.suffix();
    }

    /**
     * The idempotent producer's settings: acks from all in-sync replicas, retries without duplicates or reordering
     * within a partition; a send gives up after {@code deliveryTimeout}, when the relay sends again from the oldest
     * event not acknowledged. A send waits at most half a second for the cluster's metadata, so that an unreachable
     * broker does not hold a shared worker.
     */
    Properties producerProperties() {
        Properties properties = clientProperties();
        properties.put("client.id", "pilegate-" + siteId);
        properties.put("acks", "all");
        properties.put("enable.idempotence", "true");
        properties.put("max.in.flight.requests.per.connection", "5");
        properties.put("linger.ms", "5");
        properties.put("max.block.ms", "500");
        properties.put("request.timeout.ms", "10000");
        properties.put("delivery.timeout.ms", "30000");
        return properties;
    }

    /**
     * The commands' consumer: a group of its own per site ({@code pilegate-<siteId>}), so that every gateway reads
     * every partition and keeps its own place; offsets committed by the gateway once it answered what it read; a new
     * site starts at the oldest command kept, and commands past their expiry are refused, not applied.
     */
    Properties consumerProperties() {
        Properties properties = clientProperties();
        properties.put("client.id", "pilegate-" + siteId + "-commands");
        properties.put("group.id", "pilegate-" + siteId);
        properties.put("enable.auto.commit", "false");
        properties.put("auto.offset.reset", "earliest");
        properties.put("max.poll.records", "100");
        properties.put("max.partition.fetch.bytes", Integer.toString(4 * CommandReader.MAX_CHARS));
        return properties;
    }

    String commandsTopic() {
        return topicPrefix + ".commands";
    }

    /** How the gateway reaches and signs in to the cluster. */
    private Properties clientProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        properties.put("reconnect.backoff.max.ms", "5000");
        properties.put("security.protocol", securityProtocol);
        if (sasl()) {
            properties.put("sasl.mechanism", saslMechanism);
            properties.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"" + jaasQuoted(saslUsername) + "\" password=\"" + jaasQuoted(saslPassword) + "\";");
        }
        if (securityProtocol.endsWith("SSL")) {
            putStore(properties, "ssl.truststore", truststore, truststorePassword);
            putStore(properties, "ssl.keystore", keystore, keystorePassword);
        }
        return properties;
    }

    private static void putStore(Properties properties, String prefix, String location, String password) {
        if (!location.isEmpty()) {
            properties.put(prefix + ".location", location);
            properties.put(prefix + ".type", "PKCS12");
            properties.put(prefix + ".password", password);
        }
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "uplink " + (enabled ? "enabled" : "disabled") + " to " + bootstrapServers + " as site " + siteId
                + " (" + securityProtocol + (sasl() ? " " + saslMechanism + " user " + saslUsername : "")
                + "), topics " + topicPrefix + ".*" + (acceptCommands ? ", commands accepted" : "");
    }
}
