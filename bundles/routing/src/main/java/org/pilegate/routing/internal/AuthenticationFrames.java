package org.pilegate.routing.internal;

import java.util.Optional;

import org.pilegate.api.terminal.TerminalId;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The WebSocket transport's own frames, exchanged before the charging dialogue starts. Credentials never go into a
 * URL (logged by proxies, kept in histories), so a connection authenticates with its first frame:
 * <pre>
 * → {"type":"authenticate","credential":"&lt;terminal id&gt;.&lt;secret&gt;"}
 * ← {"type":"authenticated","terminal":"&lt;terminal id&gt;"}
 * </pre>
 */
final class AuthenticationFrames {

    static final String AUTHENTICATE = "authenticate";
    static final String AUTHENTICATED = "authenticated";
    /** An authenticate frame is far smaller; anything longer is not read. */
    private static final int MAX_FRAME_CHARS = 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    /** The credential, if {@code frame} is an authenticate frame and nothing else. */
    Optional<String> credentialIn(String frame) {
        if (frame == null || frame.length() > MAX_FRAME_CHARS) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = mapper.readTree(frame);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || node.size() != 2
                || !AUTHENTICATE.equals(node.path("type").textValue()) || !node.path("credential").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(node.get("credential").textValue());
    }

    String authenticated(TerminalId terminal) {
        return mapper.createObjectNode()
                .put("type", AUTHENTICATED)
                .put("terminal", terminal.value())
                .toString();
    }
}
