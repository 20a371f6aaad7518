package io.wirelab.devices.dhcp.client;

import io.wirelab.trace.Counted;

/** What DhcpClient counts (parser rejections are counted apart, as dhcp.rx.drop.&lt;DhcpMalformed&gt;). */
public enum DhcpClientCounter implements Counted {
    TX_DISCOVER("dhcp.tx.discover"),
    TX_REQUEST_SELECTING("dhcp.tx.request.selecting"),
    TX_REQUEST_INIT_REBOOT("dhcp.tx.request.init_reboot"),
    TX_REQUEST_RENEWING("dhcp.tx.request.renewing"),
    TX_REQUEST_REBINDING("dhcp.tx.request.rebinding"),
    TX_DECLINE("dhcp.tx.decline"),
    TX_RELEASE("dhcp.tx.release"),
    TX_FAIL_DISCOVER("dhcp.tx.fail.discover"),
    TX_FAIL_REQUEST_SELECTING("dhcp.tx.fail.request.selecting"),
    TX_FAIL_REQUEST_INIT_REBOOT("dhcp.tx.fail.request.init_reboot"),
    TX_FAIL_REQUEST("dhcp.tx.fail.request"),
    TX_FAIL_DECLINE("dhcp.tx.fail.decline"),
    TX_FAIL_RELEASE("dhcp.tx.fail.release"),
    RX_OFFER("dhcp.rx.offer"),
    RX_ACK("dhcp.rx.ack"),
    RX_NAK("dhcp.rx.nak"),
    RX_DROP_NOT_OURS("dhcp.rx.drop.not_ours"),
    RX_DROP_NO_MESSAGE_TYPE("dhcp.rx.drop.no_message_type"),
    RX_DROP_UNEXPECTED("dhcp.rx.drop.unexpected"),
    RX_DROP_ACK_WITHOUT_LEASE("dhcp.rx.drop.ack_without_lease"),
    LEASE_EXPIRED("dhcp.lease.expired");

    private final String counterName;

    DhcpClientCounter(String counterName) { this.counterName = counterName; }

    @Override public String counterName() { return counterName; }
}
