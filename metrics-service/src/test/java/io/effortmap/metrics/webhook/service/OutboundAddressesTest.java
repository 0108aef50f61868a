package io.effortmap.metrics.webhook.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "192.0.0.8", "198.18.0.1", "224.0.0.1",
            "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "ff02::1", "2001:db8::1", "64:ff9b::a00:1"})
    void internalAndSpecialUseAddressesAreNotPublic(String literal) throws Exception {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.253.1.1",
            "193.0.0.1", "2606:4700:4700::1111", "2a00:1450:4001::1", "::ffff:8.8.8.8"})
    void internetAddressesArePublic(String literal) throws Exception {
        assertThat(OutboundAddresses.isPublic(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "api.localhost", "127.0.0.1", "10.0.0.7", "[::1]", "[fd00::1]",
            "169.254.169.254", "2130706433", "127.1"})
    void subscriptionsToLocalNamesAndPrivateLiteralsAreRefused(String host) {
        assertThat(OutboundAddresses.refusedHost(host)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.com", "8.8.8.8", "[2606:4700:4700::1111]", "localhost.example.com"})
    void publicLiteralsAndOtherNamesAreAcceptedUntilResolved(String host) {
        assertThat(OutboundAddresses.refusedHost(host)).isNull();
    }

    @org.junit.jupiter.api.Test
    void aNameIsDeliveredToOnlyWhenEveryAddressItResolvesToIsPublic() throws Exception {
        InetAddress publicOne = InetAddress.getByName("8.8.8.8");
        InetAddress privateOne = InetAddress.getByName("10.0.0.1");
        assertThat(OutboundAddresses.firstIfAllPublic(List.of(publicOne))).isEqualTo(publicOne);
        assertThat(OutboundAddresses.firstIfAllPublic(List.of(publicOne, privateOne))).isNull();
        assertThat(OutboundAddresses.firstIfAllPublic(List.of())).isNull();
    }
}
