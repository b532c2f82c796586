package org.pilegate.ocpp16.internal.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec(new ObjectMapper());

    @Test
    void readsTheThreeKindsOfMessage() {
        RpcFrame.Call call = (RpcFrame.Call) codec.decode("[2,\"19223201\",\"Heartbeat\",{}]");
        assertEquals("19223201", call.id());
        assertEquals("Heartbeat", call.action());

        RpcFrame.CallResult result = (RpcFrame.CallResult) codec.decode("[3,\"a\",{\"status\":\"Accepted\"}]");
        assertEquals("Accepted", result.payload().get("status").asText());

        RpcFrame.CallError error = (RpcFrame.CallError) codec.decode("[4,\"b\",\"NotSupported\",\"no\",{}]");
        assertEquals(RpcErrorCode.NotSupported, error.code());
        assertEquals("no", error.description());
    }

    @Test
    void anErrorCodeOutsideTheSpecificationIsReadAsGenericError() {
        RpcFrame.CallError error = (RpcFrame.CallError) codec.decode("[4,\"b\",\"Teapot\",\"short and stout\",{}]");
        assertEquals(RpcErrorCode.GenericError, error.code());
    }

    @Test
    void writesWhatItReads() {
        String call = "[2,\"1\",\"Authorize\",{\"idTag\":\"EV-1\"}]";
        String result = "[3,\"1\",{\"idTagInfo\":{\"status\":\"Accepted\"}}]";
        String error = "[4,\"1\",\"FormationViolation\",\"bad\",{}]";
        assertEquals(call, codec.encode(codec.decode(call)));
        assertEquals(result, codec.encode(codec.decode(result)));
        assertEquals(error, codec.encode(codec.decode(error)));
    }

    @ParameterizedTest(name = "{0} is refused under id {1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all|-1",
        "{\"a\":1}|-1",
        "[]|-1",
        "[2]|-1",
        "[2,17,\"Heartbeat\",{}]|-1",
        "[\"2\",\"x\",\"Heartbeat\",{}]|x",
        "[9,\"x\",{}]|x",
        "[2,\"x\",\"Heartbeat\"]|x",
        "[2,\"x\",\"Heartbeat\",[]]|x",
        "[2,\"x\",7,{}]|x",
        "[3,\"x\",\"Accepted\"]|x",
        "[2,\"0123456789012345678901234567890123456\",\"Heartbeat\",{}]|-1",
    })
    void whatIsNoMessageIsAFormationViolationUnderItsIdIfItHasOne(String text, String id) {
        FrameCodec.Refused refused = assertThrows(FrameCodec.Refused.class, () -> codec.decode(text));
        assertEquals(RpcErrorCode.FormationViolation, refused.answer().code());
        assertEquals(id, refused.answer().id());
    }
}
