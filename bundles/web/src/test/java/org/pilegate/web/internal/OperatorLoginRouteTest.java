package org.pilegate.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OperatorLoginRouteTest {

    private WebGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new WebGateway();
        gateway.with(new OperatorLoginRoute(gateway.http, gateway.access));
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void signingInSetsAnHttpOnlyStrictCookieThatIdentifiesTheOperator() throws Exception {
        HttpResponse<String> response = gateway.post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"" + WebGateway.PASSWORD + "\"}");

        assertEquals(200, response.statusCode());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(ApiRoute.OPERATOR_COOKIE + "="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Max-Age=300"), cookie);
        assertEquals("admin", json(gateway.get(OperatorLoginRoute.ME_PATH,
                "Cookie", cookie.substring(0, cookie.indexOf(';')))).path("user").asText());
    }

    @Test
    void theTokenAlsoWorksAsABearer() throws Exception {
        String token = json(gateway.post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"" + WebGateway.PASSWORD + "\"}")).path("token").asText();

        assertEquals("admin", json(gateway.get(OperatorLoginRoute.ME_PATH, "Authorization", "Bearer " + token))
                .path("user").asText());
    }

    @Test
    void nobodyIsSignedInWithoutOrWithAForgedCookie() throws Exception {
        assertTrue(json(gateway.get(OperatorLoginRoute.ME_PATH)).path("user").isNull());
        assertTrue(json(gateway.get(OperatorLoginRoute.ME_PATH, "Cookie",
                ApiRoute.OPERATOR_COOKIE + "=YWRtaW4.9999999999.forged")).path("user").isNull());
    }

    @Test
    void aWrongPasswordIsRefusedWithoutACookie() throws Exception {
        HttpResponse<String> response = gateway.post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"guess\"}");

        assertEquals(401, response.statusCode());
        assertEquals("unauthenticated", json(response).path("code").asText());
        assertTrue(response.headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void repeatedWrongPasswordsAreThrottled() throws Exception {
        for (int i = 0; i < SignedOperatorTokens.MAX_FAILURES; i++) {
            gateway.post(OperatorLoginRoute.LOGIN_PATH, "{\"user\":\"admin\",\"password\":\"guess\"}");
        }
        HttpResponse<String> response = gateway.post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"" + WebGateway.PASSWORD + "\"}");

        assertEquals(429, response.statusCode());
        assertEquals("too_many_attempts", json(response).path("code").asText());
    }

    @Test
    void aMalformedOrIncompleteBodyIsABadRequest() throws Exception {
        HttpResponse<String> malformed = gateway.post(OperatorLoginRoute.LOGIN_PATH, "{\"user\":");
        HttpResponse<String> incomplete = gateway.post(OperatorLoginRoute.LOGIN_PATH, "{\"user\":\"admin\"}");
        HttpResponse<String> unknownField = gateway.post(OperatorLoginRoute.LOGIN_PATH,
                "{\"user\":\"admin\",\"password\":\"x\",\"role\":\"admin\"}");

        assertEquals(400, malformed.statusCode());
        assertEquals("malformed_json", json(malformed).path("code").asText());
        assertEquals(400, incomplete.statusCode());
        assertEquals("invalid_request", json(incomplete).path("code").asText());
        assertEquals(400, unknownField.statusCode());
        assertTrue(json(unknownField).path("message").asText().contains("role"), unknownField.body());
    }

    @Test
    void signingOutClearsTheCookie() throws Exception {
        HttpResponse<String> response = gateway.post(OperatorLoginRoute.LOGOUT_PATH, "{}");

        assertEquals(204, response.statusCode());
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith(ApiRoute.OPERATOR_COOKIE + "=;") && cookie.contains("Max-Age=0"), cookie);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return ApiRoute.JSON.readTree(response.body());
    }
}
