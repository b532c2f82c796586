package org.pilegate.web.internal;

import org.apache.camel.component.platform.http.PlatformHttpConstants;

/**
 * The gateway's terminal HTTP server (bundles/routing) as the web routes see it: present as a service exactly while
 * that server runs, so routes that reference it attach to its router after it started and leave before it stops.
 */
public final class GatewayHttp {

    /**
     * The URI of an HTTP endpoint at {@code path} on the gateway's server, for one method; with {@code prefix} it
     * also serves every path below. Failures never reach the client as a stack trace: routes answer them with error
     * JSON, and anything they miss is muted.
     */
    String httpUri(String path, String method, boolean prefix) {
        return PlatformHttpConstants.PLATFORM_HTTP_COMPONENT_NAME + ":" + path + "?httpMethodRestrict=" + method
                + "&muteException=true" + (prefix ? "&matchOnUriPrefix=true" : "");
    }
}
