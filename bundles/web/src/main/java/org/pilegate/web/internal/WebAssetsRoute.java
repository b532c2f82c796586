package org.pilegate.web.internal;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pilegate.api.error.ErrorCode;
import org.pilegate.routing.GatewayHttpServer;

/**
 * Serves the driver's terminal page at {@code /terminal}, the operator dashboard at {@code /dashboard} and their shared
 * files at {@code /assets/}, on the gateway's terminal HTTP port. Every file goes out with a Content-Security-Policy
 * that allows only the gateway itself: scripts and styles from its files (none inline), data from its REST API and
 * WebSocket, no framing.
 */
@Component(service = RouteBuilder.class)
public class WebAssetsRoute extends ApiRoute {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            // the pages change with the bundle: the browser asks again, and gets them from memory
            "Cache-Control", "no-cache");

    private final GatewayHttpServer http;
    private final WebAssets assets = new WebAssets(WebAssetsRoute.class.getClassLoader());

    @Activate
    public WebAssetsRoute(@Reference(name = "http") GatewayHttpServer http) {
        this.http = http;
    }

    @Override
    void routes() {
        for (String folder : (WebAssets.PAGES + "|assets").split("\\|")) {
            from(http.httpUriBelow("/" + folder, "GET")).routeId("web-" + folder).process(this::serve);
        }
    }

    private void serve(Exchange exchange) {
        WebAssets.Asset asset = assets.find(request(exchange).path())
                .orElseThrow(() -> new ApiRefusal(ErrorCode.NOT_FOUND, "no such page or file"));
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, asset.contentType());
        SECURITY_HEADERS.forEach(message::setHeader);
        message.setBody(asset.content());
    }
}
