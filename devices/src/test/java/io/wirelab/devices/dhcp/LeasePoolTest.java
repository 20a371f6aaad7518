package io.wirelab.devices.dhcp;

import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The lease table alone: which address a client is given, and whose row is whose. */
class LeasePoolTest {
    static final long HOUR = 3_600_000_000_000L;
    final LeasePool pool = new LeasePool(DhcpPoolConfig.of("10.0.0.0/24", "10.0.0.10", "10.0.0.13", null, null, null, 3600)
            .withReservation(mac(9), ip("10.0.0.11")));

    static MacAddress mac(int n) { return MacAddress.local(n); }
    static Ipv4Address ip(String s) { return Ipv4Address.parse(s); }

    Ipv4Address bindNext(int client, long now) {
        Ipv4Address a = pool.choose("c" + client, mac(client), null, now);
        if (a != null) pool.bind(a, "c" + client, mac(client), null, now, HOUR);
        return a;
    }

    @Test
    void neverUsedAddressesGoFirstInOrder_skippingAnothersReservation_thenTheLongestExpired_rfc2131_4_3_1() {
        assertThat(bindNext(1, 0)).isEqualTo(ip("10.0.0.10"));
        assertThat(bindNext(2, 10)).isEqualTo(ip("10.0.0.12"));
        assertThat(bindNext(3, 20)).isEqualTo(ip("10.0.0.13"));
        assertThat(bindNext(4, 30)).isNull();                                    // 10.0.0.11 is client 9's
        assertThat(pool.choose("c9", mac(9), null, 30)).isEqualTo(ip("10.0.0.11"));
        pool.release(ip("10.0.0.13"), HOUR);                                     // released at HOUR, as 10.0.0.10 expires
        assertThat(bindNext(5, HOUR + 5)).isEqualTo(ip("10.0.0.10"));          // a tie: the lower address
        assertThat(bindNext(6, HOUR + 20)).isEqualTo(ip("10.0.0.13"));         // free since HOUR, 10.0.0.12 only since HOUR + 10
    }

    @Test
    void aClientsRowFollowsItsAddress_whenTheAddressGoesToAnotherClient() {
        assertThat(bindNext(1, 0)).isEqualTo(ip("10.0.0.10"));
        assertThat(pool.findByClient("c1").address()).isEqualTo(ip("10.0.0.10"));
        pool.release(ip("10.0.0.10"), 5);
        pool.bind(ip("10.0.0.10"), "c2", mac(2), null, 6, HOUR);
        assertThat(pool.findByClient("c1")).isNull();
        assertThat(pool.findByClient("c2").address()).isEqualTo(ip("10.0.0.10"));
        pool.bind(ip("10.0.0.12"), "c2", mac(2), null, 7, 2 * HOUR);
        assertThat(pool.findByClient("c2").address()).isEqualTo(ip("10.0.0.12"));   // the row that holds longest
        pool.decline(ip("10.0.0.12"), 8, HOUR);
        assertThat(pool.findByClient("c2").address()).isEqualTo(ip("10.0.0.10"));   // a declined row is nobody's lease
    }
}
