package org.pilegate.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientNetworksTest {

    private static final String SETTING = "org.pilegate.metrics: allowedClients";

    @Test
    void addressesInsideThePrefixesAreAllowed() {
        ClientNetworks networks = new ClientNetworks(SETTING, "10.0.0.0/8", "172.16.0.0/12", "192.168.1.7",
                "fc00::/7");

        assertTrue(networks.allows("10.255.0.1"));
        assertTrue(networks.allows("172.31.255.255"));
        assertFalse(networks.allows("172.32.0.1"));
        assertTrue(networks.allows("192.168.1.7"));
        assertFalse(networks.allows("192.168.1.8"));
        assertTrue(networks.allows("fd12:3456::1"));
        assertTrue(networks.allows("[fd12:3456::1]"));
        assertFalse(networks.allows("fe80::1"));
        assertFalse(networks.allows("8.8.8.8"));
    }

    @Test
    void oneStringMayListSeveralNetworks() {
        ClientNetworks networks = new ClientNetworks(SETTING, " 10.0.0.0/8, 192.168.1.7 ,");

        assertTrue(networks.allows("10.1.2.3"));
        assertTrue(networks.allows("192.168.1.7"));
        assertFalse(networks.allows("192.168.1.8"));
    }

    @Test
    void defaultsAllowLoopbackAndPrivateNetworksOnly() {
        ClientNetworks defaults = new ClientNetworks(SETTING,
                Configs.of(MetricsConfig.class, Map.of()).allowedClients());

        assertTrue(defaults.allows("127.0.0.1"));
        assertTrue(defaults.allows("::1"));
        assertTrue(defaults.allows("192.168.10.20"));
        assertFalse(defaults.allows("203.0.113.9"));
        assertFalse(defaults.allows("2001:db8::1"));
    }

    @Test
    void anythingButAnIpLiteralIsNotAllowedNorLookedUp() {
        ClientNetworks everything = new ClientNetworks(SETTING, "0.0.0.0/0", "::/0");

        assertTrue(everything.allows("203.0.113.9"));
        assertTrue(everything.allows("2001:db8::1"));
        assertFalse(everything.allows("localhost"));
        assertFalse(everything.allows("beef.cafe"));
        assertFalse(everything.allows("256.1.1.1"));
        assertFalse(everything.allows(""));
        assertFalse(everything.allows(null));
    }

    @Test
    void badEntriesAreRefusedNamingSettingAndEntry() {
        assertEquals(SETTING + ": 'intranet' is not an IP address or CIDR prefix such as 10.0.0.0/8 or fd00::/8",
                assertThrows(IllegalArgumentException.class, () -> new ClientNetworks(SETTING, "intranet"))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClientNetworks(SETTING, "10.0.0.300/8"));
        assertEquals(SETTING + ": '10.0.0.0/33' has a prefix length that is not 0..32",
                assertThrows(IllegalArgumentException.class, () -> new ClientNetworks(SETTING, "10.0.0.0/33"))
                        .getMessage());
        assertEquals(SETTING + ": 'fc00::/x' has a prefix length that is not 0..128",
                assertThrows(IllegalArgumentException.class, () -> new ClientNetworks(SETTING, "fc00::/x"))
                        .getMessage());
    }
}
