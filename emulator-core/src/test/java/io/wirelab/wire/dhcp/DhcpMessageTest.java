package io.wirelab.wire.dhcp;

import io.wirelab.wire.Bytes;
import io.wirelab.wire.HexFormatLines;
import io.wirelab.wire.ethernet.MacAddress;
import io.wirelab.wire.ipv4.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DhcpMessageTest {
    private static final Map<Integer, byte[]> FRAMES = HexFormatLines.load("/io/wirelab/wire/dhcp/dhcp-dora-renew.txt");
    private static final MacAddress CLIENT = MacAddress.parse("02:00:5e:12:02:02");
    private static final Ipv4Address SERVER = Ipv4Address.parse("198.18.2.1");
    private static final Ipv4Address LEASED = Ipv4Address.parse("198.18.2.126");

    private static DhcpMessage frame(int n) {
        DhcpMessage.Parsed p = DhcpMessage.parse(FRAMES.get(n));
        assertThat(p.reason()).isEqualTo(DhcpMalformed.NONE);
        return p.message();
    }

    private static List<Integer> codes(DhcpMessage m) {
        return m.options().list().stream().map(DhcpOption::code).toList();
    }

    @Test
    void capture_everyFrame_reEmitsByteIdentical() {
        assertThat(FRAMES).containsOnlyKeys(1, 2, 3, 4, 7, 8, 9);
        for (var e : FRAMES.entrySet())
            assertThat(frame(e.getKey()).encode()).as("frame %d", e.getKey()).isEqualTo(e.getValue());
    }

    @Test
    void capture_discover_decodesLikeTshark() {
        DhcpMessage m = frame(1);
        assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
        assertThat(m.xid()).isEqualTo(0xec9cb955);
        assertThat(m.flags()).isZero();
        assertThat(m.broadcastFlag()).isFalse();
        assertThat(m.clientMac()).isEqualTo(CLIENT);
        assertThat(m.messageType()).isEqualTo(DhcpMessageType.DISCOVER);
        assertThat(codes(m)).containsExactly(53, 57, 55, 12, 60, 61);
        assertThat(m.options().maxMessageSize()).isEqualTo(576);
        assertThat(m.options().parameterRequestList()).containsExactly(1, 3, 6, 12, 15, 28, 42);
        assertThat(m.options().hostName()).isEqualTo("wirelab-client");
        assertThat(m.options().clientIdentifier()).containsExactly(1, 2, 0, 0x5e, 0x12, 2, 2);
        assertThat(m.length()).isEqualTo(300);
    }

    @Test
    void capture_offerAndAck_carryLeaseParameters() {
        DhcpMessage offer = frame(2);
        assertThat(offer.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(offer.messageType()).isEqualTo(DhcpMessageType.OFFER);
        assertThat(offer.yiaddr()).isEqualTo(LEASED);
        assertThat(offer.siaddr()).isEqualTo(SERVER);
        assertThat(codes(offer)).containsExactly(53, 54, 51, 58, 59, 1, 28, 15, 6, 3);
        DhcpOptions o = offer.options();
        assertThat(o.serverIdentifier()).isEqualTo(SERVER);
        assertThat(o.leaseTime()).isEqualTo(120);
        assertThat(o.renewalTime()).isEqualTo(60);
        assertThat(o.rebindingTime()).isEqualTo(105);
        assertThat(o.subnetMask()).isEqualTo(Ipv4Address.parse("255.255.255.0"));
        assertThat(o.domainName()).isEqualTo("wirelab.test");
        assertThat(o.dnsServers()).containsExactly(SERVER);
        assertThat(o.routers()).containsExactly(SERVER);
        DhcpMessage renewAck = frame(8);
        assertThat(renewAck.messageType()).isEqualTo(DhcpMessageType.ACK);
        assertThat(renewAck.ciaddr()).isEqualTo(LEASED);
        assertThat(renewAck.options().renewalTime()).isEqualTo(55);
        assertThat(renewAck.options().rebindingTime()).isEqualTo(100);
    }

    @Test
    void capture_requests_selectingHasOptions50And54_renewingHasCiaddrOnly() {
        DhcpMessage selecting = frame(3);
        assertThat(selecting.messageType()).isEqualTo(DhcpMessageType.REQUEST);
        assertThat(selecting.ciaddr()).isEqualTo(Ipv4Address.ANY);
        assertThat(selecting.options().requestedAddress()).isEqualTo(LEASED);
        assertThat(selecting.options().serverIdentifier()).isEqualTo(SERVER);
        DhcpMessage renewing = frame(7);
        assertThat(renewing.ciaddr()).isEqualTo(LEASED);
        assertThat(renewing.options().requestedAddress()).isNull();
        assertThat(renewing.options().serverIdentifier()).isNull();
        DhcpMessage release = frame(9);
        assertThat(release.messageType()).isEqualTo(DhcpMessageType.RELEASE);
        assertThat(release.xid()).isEqualTo(0x5043cf5e);
        assertThat(release.options().serverIdentifier()).isEqualTo(SERVER);
    }

    @Test
    void builtRequest_emitsCookieEndAndPadsTo300() {
        DhcpOptions opts = DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER)
                .add(DhcpOptionCode.PARAMETER_REQUEST_LIST, new byte[] {1, 3, 6}).build();
        byte[] b = DhcpMessage.request(0x01020304, CLIENT, 3, DhcpMessage.FLAG_BROADCAST, Ipv4Address.ANY, opts).encode();
        assertThat(b).hasSize(300);
        assertThat(Bytes.i32(b, 236)).isEqualTo(0x63825363);
        assertThat(Arrays.copyOfRange(b, 240, 249)).containsExactly(53, 1, 1, 55, 3, 1, 3, 6, 0xff);
        assertThat(Bytes.u16(b, 8)).isEqualTo(3);
        assertThat(Bytes.u16(b, 10)).isEqualTo(0x8000);
        assertThat(MacAddress.read(b, 28)).isEqualTo(CLIENT);
        DhcpMessage back = DhcpMessage.parse(b).message();
        assertThat(back.broadcastFlag()).isTrue();
        assertThat(back.options().parameterRequestList()).containsExactly(1, 3, 6);
    }

    @Test
    void reply_echoesXidFlagsGiaddrAndChaddr() {
        DhcpMessage req = frame(3);
        DhcpMessage ack = DhcpMessage.reply(req, Ipv4Address.ANY, LEASED, SERVER,
                DhcpOptions.builder().messageType(DhcpMessageType.ACK).build());
        assertThat(ack.op()).isEqualTo(DhcpMessage.BOOTREPLY);
        assertThat(ack.xid()).isEqualTo(req.xid());
        assertThat(ack.clientMac()).isEqualTo(CLIENT);
        assertThat(ack.giaddr()).isEqualTo(req.giaddr());
    }

    @Test
    void overload_optionsInFileAndSname_areFoldedInOrderAndFieldsCleared() {
        byte[] b = DhcpMessage.request(7, CLIENT, 0, 0, Ipv4Address.ANY,
                DhcpOptions.builder().messageType(DhcpMessageType.DISCOVER).build()).encode();
        // options field: 53 DISCOVER, 52 = 3 (both), end
        byte[] opts = {53, 1, 1, 52, 1, 3, (byte) 0xff};
        System.arraycopy(opts, 0, b, 240, opts.length);
        byte[] file = {12, 2, 'p', 'c', (byte) 0xff};
        System.arraycopy(file, 0, b, 108, file.length);
        byte[] sname = {15, 3, 'l', 'a', 'b', (byte) 0xff};
        System.arraycopy(sname, 0, b, 44, sname.length);
        DhcpMessage m = DhcpMessage.parse(b).message();
        assertThat(codes(m)).containsExactly(53, 12, 15);
        assertThat(m.options().hostName()).isEqualTo("pc");
        assertThat(m.options().domainName()).isEqualTo("lab");
        assertThat(m.sname()).containsOnly(0);
        assertThat(m.file()).containsOnly(0);
    }

    @Test
    void repeatedOption_isConcatenated() {
        DhcpOptions o = DhcpOptions.builder().text(DhcpOptionCode.DOMAIN_NAME, "wire").text(DhcpOptionCode.DOMAIN_NAME, "lab.test").build();
        assertThat(o.domainName()).isEqualTo("wirelab.test");   // RFC 3396 §7
    }

    @Test
    void hostile_inputs_returnReasons_neverThrow() {
        byte[] good = FRAMES.get(1);
        assertThat(DhcpMessage.parse(new byte[0]).reason()).isEqualTo(DhcpMalformed.TRUNCATED);
        assertThat(DhcpMessage.parse(Arrays.copyOf(good, 235)).reason()).isEqualTo(DhcpMalformed.TRUNCATED);
        assertThat(DhcpMessage.parse(Arrays.copyOf(good, 238)).reason()).isEqualTo(DhcpMalformed.NO_MAGIC_COOKIE);
        byte[] cookie = good.clone();
        cookie[239] = 0x64;
        assertThat(DhcpMessage.parse(cookie).reason()).isEqualTo(DhcpMalformed.NO_MAGIC_COOKIE);
        byte[] op = good.clone();
        op[0] = 3;
        assertThat(DhcpMessage.parse(op).reason()).isEqualTo(DhcpMalformed.BAD_OP);
        byte[] hlen = good.clone();
        hlen[2] = 17;
        assertThat(DhcpMessage.parse(hlen).reason()).isEqualTo(DhcpMalformed.BAD_HLEN);
        byte[] overrun = Arrays.copyOf(good, 244);
        overrun[240] = 12;
        overrun[241] = 100;
        assertThat(DhcpMessage.parse(overrun).reason()).isEqualTo(DhcpMalformed.OPTION_OVERRUN);
        byte[] lonelyCode = Arrays.copyOf(good, 241);
        lonelyCode[240] = 12;
        assertThat(DhcpMessage.parse(lonelyCode).reason()).isEqualTo(DhcpMalformed.OPTION_OVERRUN);
        byte[] overload = good.clone();
        overload[240] = 52; overload[241] = 1; overload[242] = 9;
        assertThat(DhcpMessage.parse(overload).reason()).isEqualTo(DhcpMalformed.BAD_OVERLOAD);
        byte[] fileOverrun = good.clone();
        fileOverrun[240] = 52; fileOverrun[241] = 1; fileOverrun[242] = 1;
        fileOverrun[108 + 126] = 12; fileOverrun[108 + 127] = 5;
        assertThat(DhcpMessage.parse(fileOverrun).reason()).isEqualTo(DhcpMalformed.OPTION_OVERRUN);
        assertThat(DhcpMessage.parse(good, 10, good.length).reason()).isEqualTo(DhcpMalformed.TRUNCATED);
    }

    @Test
    void hostile_everyTruncationAndByteFlip_neverThrows() {
        for (int n : FRAMES.keySet()) {
            byte[] good = FRAMES.get(n);
            for (int len = 0; len <= good.length; len++) DhcpMessage.parse(good, 0, len);
            for (int i = 0; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) 0xa5;
                DhcpMessage.Parsed p = DhcpMessage.parse(bad);
                assertThat(p.ok() == (p.message() != null)).isTrue();
            }
        }
    }

    @Test
    void typedGetters_wrongLengths_giveAbsent() {
        DhcpOptions o = DhcpOptions.builder().add(DhcpOptionCode.LEASE_TIME, new byte[3]).add(DhcpOptionCode.MESSAGE_TYPE, new byte[] {9})
                .add(DhcpOptionCode.ROUTER, new byte[5]).add(DhcpOptionCode.MAX_MESSAGE_SIZE, new byte[] {1, 0}).build();
        assertThat(o.leaseTime()).isEqualTo(-1);
        assertThat(o.messageType()).isNull();
        assertThat(o.routers()).isEmpty();
        assertThat(o.maxMessageSize()).isEqualTo(-1);
    }
}
