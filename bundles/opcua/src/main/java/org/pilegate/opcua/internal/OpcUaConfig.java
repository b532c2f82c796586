package org.pilegate.opcua.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate OPC UA server", description = "The site, its piles and meters for building"
        + " management systems over OPC UA, with methods to limit power and current, stop sessions and take piles"
        + " out of service.")
public @interface OpcUaConfig {

    @AttributeDefinition(name = "Bind address", description = "Local address the server listens on; 0.0.0.0 for"
            + " all.")
    String bindAddress() default "0.0.0.0";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", description = "TCP port of opc.tcp://.")
    int port() default 4840;

    @AttributeDefinition(name = "Path", description = "Path of the endpoint URL, starting with '/'.")
    String path() default "/pilegate";

    @AttributeDefinition(name = "Host names", required = false, description = "Comma-separated host names and"
            + " addresses clients reach the gateway by; they go into the endpoint URLs and the certificate."
            + " Empty: every name and address of the bind address.")
    String hostnames() default "";

    @AttributeDefinition(name = "Anonymous browsing", description = "Let clients without a user browse, read and"
            + " subscribe, also over an unsecured endpoint (SecurityPolicy None). They can never write or call"
            + " methods.")
    boolean anonymousBrowsing() default false;

    @AttributeDefinition(name = "Users", required = false, description = "Comma-separated user entries"
            + " name:pbkdf2-sha256:iterations:salt:hash, as pilegate:opcua-user prints them. Only these users may"
            + " write and call methods.")
    String users() default "";

    @AttributeDefinition(name = "Certificate folder", description = "Where the server's key and certificate are"
            + " generated on first start and the client trust list (pki/) is kept; relative to Karaf's etc/.")
    String certificateDir() default "opcua";
}
