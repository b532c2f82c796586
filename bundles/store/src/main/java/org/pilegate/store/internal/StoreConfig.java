package org.pilegate.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate store",
        description = "The gateway's database. Empty URL: embedded H2 under the Karaf data folder.")
public @interface StoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "Empty for embedded H2; jdbc:postgresql://host:5432/pilegate for PostgreSQL.")
    String url() default "";

    @AttributeDefinition(name = "User")
    String user() default "pilegate";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Required for PostgreSQL (use ${env:VARIABLE} to keep it out of the file); embedded H2"
                    + " generates its own on first start.")
    String password() default "";

    @AttributeDefinition(name = "Pool size", min = "1", max = "64",
            description = "Connections; as many as the gateway's shared workers (16), so that no step waits for one.")
    int poolSize() default 16;

    @AttributeDefinition(name = "Connection timeout (ms)", min = "250", max = "30000",
            description = "How long a step waits for a database connection before it is refused as unavailable;"
                    + " while the database is down, terminals get their answer this quickly.")
    int connectionTimeoutMs() default 3000;
}
