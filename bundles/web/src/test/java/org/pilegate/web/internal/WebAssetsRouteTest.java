package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebAssetsRouteTest {

    private static WebGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = new WebGateway();
        gateway.with(new WebAssetsRoute(gateway.http));
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    @Test
    void thePagesComeWithAStrictContentSecurityPolicy() throws Exception {
        for (String page : List.of("/terminal", "/terminal/", "/dashboard", "/dashboard/index.html")) {
            HttpResponse<String> response = gateway.get(page);

            assertEquals(200, response.statusCode(), page);
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
            String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(policy.startsWith("default-src 'self'; script-src 'self';"), policy);
            assertTrue(policy.contains("connect-src 'self' ws: wss:"), policy);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertTrue(response.body().contains("<script type=\"module\" src=\"" + page.replaceAll("/(index\\.html)?$",
                    "") + "/"), page);
        }
    }

    @Test
    void scriptsAndStylesHaveTheirTypes() throws Exception {
        assertEquals("text/javascript; charset=utf-8",
                gateway.get("/terminal/terminal.js").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/css; charset=utf-8",
                gateway.get("/assets/pilegate.css").headers().firstValue("Content-Type").orElseThrow());
        assertEquals("image/svg+xml",
                gateway.get("/assets/icon.svg").headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void nothingOutsideThePagesFilesIsServed() throws Exception {
        for (String path : List.of("/terminal/missing.js", "/terminal/..%2F..%2FMETA-INF%2FMANIFEST.MF",
                "/assets/", "/assets/../terminal/index.html", "/terminal/sub/terminal.js", "/terminal/.hidden.js",
                "/terminalx", "/dashboard/dashboard.JS")) {
            HttpResponse<String> response = gateway.get(path);

            assertEquals(404, response.statusCode(), path);
            assertEquals("not_found", OperatorLoginRouteTest.json(response).path("code").asText(), path);
        }
    }

    @Test
    void everyFileThePagesLoadIsServed() throws Exception {
        for (String path : List.of("/terminal/connection.js", "/dashboard/dashboard.js", "/assets/chart.js",
                "/assets/money.js")) {
            assertEquals(200, gateway.get(path).statusCode(), path);
        }
    }
}
