package org.pilegate.uplink.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "pilegate fleet uplink", description = "Sends the depot's sessions, charge records"
        + " and telemetry to the fleet's Apache Kafka cluster from the store's outbox; billing events exactly once"
        + " after de-duplication by eventId.")
public @interface UplinkConfig {

    @AttributeDefinition(name = "Enabled", description = "Whether events are recorded and sent. While disabled no"
            + " event is recorded.")
    boolean enabled() default false;

    @AttributeDefinition(name = "Bootstrap servers", description = "The cluster's brokers, host:port, comma"
            + " separated.")
    String bootstrapServers() default "";

    @AttributeDefinition(name = "Site id", description = "This depot's id in the fleet: letters, digits, '.', '_'"
            + " or '-', at most 36. Every record carries it and its key starts with it.")
    String siteId() default "";

    @AttributeDefinition(name = "Topic prefix", description = "Topics are <prefix>.sessions, <prefix>.cdrs,"
            + " <prefix>.telemetry, and <prefix>.commands and <prefix>.acks where commands are accepted.")
    String topicPrefix() default "pilegate";

    @AttributeDefinition(name = "Accept commands", description = "Whether the gateway applies the fleet's commands"
            + " for this site from <prefix>.commands (tariff update, site power limit, pile limit and availability)"
            + " and answers them on <prefix>.acks. Whoever may write to that topic controls the depot: grant Write on"
            + " it only to the fleet's command service, and Read to each gateway with its group pilegate-<siteId>.")
    boolean acceptCommands() default false;

    @AttributeDefinition(name = "Command lifetime (h)", min = "1", description = "The longest a command of the fleet"
            + " may stay valid: one whose expiresAt is further ahead than this when it arrives is refused. Together"
            + " with the retention it keeps every command applied at most once.")
    int commandLifetimeMaxH() default 24;

    @AttributeDefinition(name = "Command retention (h)", min = "2", description = "How long the ids of answered"
            + " commands are kept, so that a command delivered again is recognised and not applied again. Must be"
            + " longer than the command lifetime: a command delivered again after its id is forgotten has expired"
            + " and is refused.")
    int commandRetentionH() default 168;

    @AttributeDefinition(name = "Security protocol", description = "How the gateway connects to the brokers.",
            options = {@Option(value = "SASL_SSL"), @Option(value = "SSL"), @Option(value = "SASL_PLAINTEXT"),
                    @Option(value = "PLAINTEXT")})
    String securityProtocol() default "SASL_SSL";

    @AttributeDefinition(name = "SASL mechanism", options = {@Option(value = "SCRAM-SHA-512"),
            @Option(value = "SCRAM-SHA-256")})
    String saslMechanism() default "SCRAM-SHA-512";

    @AttributeDefinition(name = "SASL user", required = false)
    String saslUsername() default "";

    @AttributeDefinition(name = "SASL password", type = AttributeType.PASSWORD, required = false,
            description = "The SCRAM password; never logged.")
    String saslPassword() default "";

    @AttributeDefinition(name = "Trust store", required = false, description = "PKCS12 file of the CAs the"
            + " brokers' certificates are checked against; empty: the JVM's.")
    String sslTruststoreLocation() default "";

    @AttributeDefinition(name = "Trust store password", type = AttributeType.PASSWORD, required = false)
    String sslTruststorePassword() default "";

    @AttributeDefinition(name = "Key store", required = false, description = "PKCS12 file with the gateway's own"
            + " certificate, where the brokers ask for one.")
    String sslKeystoreLocation() default "";

    @AttributeDefinition(name = "Key store password", type = AttributeType.PASSWORD, required = false)
    String sslKeystorePassword() default "";

    @AttributeDefinition(name = "Outbox budget (MB)", min = "1", description = "Past this size of waiting events"
            + " the oldest telemetry is dropped; sessions and charge records never are.")
    int outboxBudgetMb() default 256;

    @AttributeDefinition(name = "Relay interval (ms)", min = "50", description = "How often the outbox is looked"
            + " at for events to send.")
    int relayIntervalMs() default 200;

    @AttributeDefinition(name = "Telemetry interval (s)", min = "10", description = "How often each pile's and the"
            + " site's power and energy are recorded.")
    int telemetryIntervalS() default 60;

    @AttributeDefinition(name = "OCPI country code", description = "ISO 3166-1 alpha-2 code of the operator (CPO)"
            + " in the charge records.")
    String ocpiCountryCode() default "";

    @AttributeDefinition(name = "OCPI party id", description = "The operator's three-character OCPI party id.")
    String ocpiPartyId() default "";

    @AttributeDefinition(name = "Site address", required = false)
    String siteAddress() default "";

    @AttributeDefinition(name = "Site city", required = false)
    String siteCity() default "";

    @AttributeDefinition(name = "Site country", required = false, description = "ISO 3166-1 alpha-3 code.")
    String siteCountry() default "";

    @AttributeDefinition(name = "Site coordinates", required = false, description = "latitude,longitude in"
            + " decimal degrees, e.g. 52.520008,13.404954.")
    String siteCoordinates() default "";
}
