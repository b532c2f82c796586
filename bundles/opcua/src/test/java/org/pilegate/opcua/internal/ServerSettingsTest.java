package org.pilegate.opcua.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    private static final Path ETC = Path.of("/opt/pilegate/etc");

    @Test
    void theDefaultsAreSecure() {
        ServerSettings settings = ServerSettings.from(new Config(), ETC);

        assertEquals("0.0.0.0", settings.bindAddress());
        assertEquals(4840, settings.port());
        assertEquals("/pilegate", settings.path());
        assertFalse(settings.anonymousBrowsing(), "anonymous browsing only when enabled");
        assertTrue(settings.users().isEmpty(), "no user shipped");
        assertEquals(ETC.resolve("opcua"), settings.certificateDir());
        assertEquals(List.of(), settings.hostnames());
    }

    @Test
    void hostnamesAreAList() {
        Config config = new Config();
        config.hostnames = " gateway.depot.local , 10.0.0.5 ";

        assertEquals(List.of("gateway.depot.local", "10.0.0.5"), ServerSettings.from(config, ETC).hostnames());
    }

    @Test
    void invalidSettingsNameThePidTheKeyAndWhy() {
        Config port = new Config();
        port.port = 0;
        assertMessage("configuration org.pilegate.opcua: port: must be 1..65535, not 0", port);
        Config path = new Config();
        path.path = "pilegate";
        assertMessage("configuration org.pilegate.opcua: path: must be '/'", path);
        Config users = new Config();
        users.users = "bms:changeme";
        assertMessage("configuration org.pilegate.opcua: users: a user entry is name:pbkdf2-sha256", users);
        Config bind = new Config();
        bind.bindAddress = " ";
        assertMessage("configuration org.pilegate.opcua: bindAddress: required, but empty", bind);
    }

    private static void assertMessage(String start, Config config) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerSettings.from(config, ETC));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    /** The configuration as DS hands it over, with the metatype defaults unless a test changes them. */
    private static final class Config implements OpcUaConfig {
        private String bindAddress = "0.0.0.0";
        private int port = 4840;
        private String path = "/pilegate";
        private String hostnames = "";
        private String users = "";

        @Override
        public Class<? extends Annotation> annotationType() {
            return OpcUaConfig.class;
        }

        @Override
        public String bindAddress() {
            return bindAddress;
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String hostnames() {
            return hostnames;
        }

        @Override
        public boolean anonymousBrowsing() {
            return false;
        }

        @Override
        public String users() {
            return users;
        }

        @Override
        public String certificateDir() {
            return "opcua";
        }
    }
}
