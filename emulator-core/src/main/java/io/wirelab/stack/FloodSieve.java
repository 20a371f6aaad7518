package io.wirelab.stack;

import io.wirelab.link.FloodRows;
import io.wirelab.link.RowFloodFilter;
import io.wirelab.link.SharedFrame;
import io.wirelab.stack.udp.UdpDrop;
import io.wirelab.stack.udp.UdpLayer;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/**
 * One interface's FloodFilter: for a flooded frame the stack would only count and drop, it counts the
 * same counters and skips the receive path, reading only its state (a row of FloodSieveRows: its own,
 * or the switch's it is bound to) and the frame's one shared parse (FloodedFrame). On a link of N hosts
 * each broadcast reaches N - 1 of them, so this is the N² part of a big lab's work. Everything else goes
 * the full path. Counted here, added to StackCounters when read:
 * - unicast for another MAC: ethernet.rx, then ethernet.rx.drop.not_for_us (IEEE 802.3 §4.2.4.1.2);
 * - an ARP request neither for nor from this address, whose sender the cache does not hold, while no
 *   RFC 5227 probe runs: ethernet.rx, arp.rx.request, then arp.rx.drop.not_for_us (RFC 826 "Packet Reception");
 * - a broadcast UDP datagram to a port no socket is bound to, on a stack of one interface (the source
 *   checks look at every interface): ethernet.rx, ipv4.rx, ipv4.rx.delivered, udp.rx, then
 *   udp.rx.drop.no_socket_broadcast (RFC 1122 §3.2.2).
 */
final class FloodSieve implements RowFloodFilter {
    private final AddressBloom arpCache;
    private final AddressBloom udpPorts;
    /** RFC 5227 probes running on the interface (ArpLayer.probe): each ARP packet is checked against them. */
    private int probes;
    private FloodSieveRows rows = new FloodSieveRows(1);
    private int row;

    FloodSieve(long mac, NeighborCache cache, UdpLayer udp) {
        this.arpCache = cache.addresses();
        this.udpPorts = udp.boundPorts();
        rows.mac[0] = mac;
        arpCache.mirrorInto(rows.arpCache, 0);
        udpPorts.mirrorInto(rows.udpPorts, 0);
    }

    /** Follows NetInterface.configure() and clearAddress(); null: no address. */
    void addressChanged(Ipv4Cidr cidr) {
        boolean broadcast = cidr != null && cidr.prefixLength() < 31;   // as NetInterface.isSubnetBroadcast
        rows.address[row] = cidr == null ? 0 : cidr.address().bits();
        rows.subnetBroadcast[row] = broadcast ? cidr.address().bits() | ~cidr.mask() : 0;
        setFlag(FloodSieveRows.HAS_ADDRESS, cidr != null);
        setFlag(FloodSieveRows.HAS_SUBNET_BROADCAST, broadcast);
    }

    /** A second interface makes IPv4's source checks look beyond this one: UDP goes the full path. */
    void anotherInterfaceAdded() { setFlag(FloodSieveRows.OTHER_INTERFACES, true); }

    void probeStarted() { setFlag(FloodSieveRows.PROBING, ++probes != 0); }

    void probeEnded() { setFlag(FloodSieveRows.PROBING, --probes != 0); }

    private void setFlag(int flag, boolean on) {
        if (on) rows.flags[row] |= flag;
        else rows.flags[row] &= ~flag;
    }

    @Override
    public boolean countedAndDropped(SharedFrame shared) { return rows.countedAndDropped(row, shared); }

    @Override
    public FloodRows newRows(int size) { return new FloodSieveRows(size); }

    @Override
    public boolean bind(FloodRows target, int at) {
        if (target != null && !(target instanceof FloodSieveRows)) return false;
        FloodSieveRows to = target == null ? new FloodSieveRows(1) : (FloodSieveRows) target;
        int toRow = target == null ? 0 : at;
        rows.move(row, to, toRow);
        arpCache.stopMirroring(rows.arpCache, row);
        udpPorts.stopMirroring(rows.udpPorts, row);
        arpCache.mirrorInto(to.arpCache, toRow);
        udpPorts.mirrorInto(to.udpPorts, toRow);
        rows = to;
        row = toRow;
        return true;
    }

    long notForUs() { return rows.notForUs[row]; }
    long arpRequests() { return rows.arpRequests[row]; }
    long udpBroadcasts() { return rows.udpBroadcasts[row]; }

    /** Moves what was counted here into counters. */
    void drainInto(StackCounters counters) {
        long notForUs = rows.notForUs[row], arpRequests = rows.arpRequests[row], udpBroadcasts = rows.udpBroadcasts[row];
        if ((notForUs | arpRequests | udpBroadcasts) == 0) return;
        counters.add(StackEvent.ETHERNET_RX, notForUs + arpRequests + udpBroadcasts);
        counters.addDrops(EthernetDrop.NOT_FOR_US, notForUs);
        counters.add(StackEvent.ARP_RX_REQUEST, arpRequests);
        counters.addDrops(ArpDrop.NOT_FOR_US, arpRequests);
        counters.add(StackEvent.IPV4_RX, udpBroadcasts);
        counters.add(StackEvent.IPV4_RX_DELIVERED, udpBroadcasts);
        counters.add(StackEvent.UDP_RX, udpBroadcasts);
        counters.addDrops(UdpDrop.NO_SOCKET_BROADCAST, udpBroadcasts);
        rows.notForUs[row] = rows.arpRequests[row] = rows.udpBroadcasts[row] = 0;
    }
}
