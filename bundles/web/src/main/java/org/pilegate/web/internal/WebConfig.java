package org.pilegate.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "pilegate operator web access",
        description = "Sign-in to the operator dashboard and its REST API under /api/operator/.")
public @interface WebConfig {

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm operators sign in against.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Role", description = "Role an account needs to use the dashboard.")
    String role() default "admin";

    @AttributeDefinition(name = "Sign-in lifetime (min)", min = "1", max = "1440",
            description = "Minutes a dashboard sign-in lasts before the operator signs in again.")
    int signInMinutes() default 480;
}
