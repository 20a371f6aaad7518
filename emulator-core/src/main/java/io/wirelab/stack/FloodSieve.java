package io.wirelab.stack;

import io.wirelab.link.FloodFilter;
import io.wirelab.link.SharedFrame;
import io.wirelab.stack.udp.UdpDrop;
import io.wirelab.stack.udp.UdpLayer;
import io.wirelab.wire.ipv4.Ipv4Cidr;

/**
 * One interface's FloodFilter: for a flooded frame the stack would only count and drop, it counts the
 * same counters and skips the receive path, reading only its own fields and the frame's one shared parse
 * (FloodedFrame). On a link of N hosts each broadcast reaches N - 1 of them, so this is the N² part of
 * a big lab's work. Everything else goes the full path. Counted here, added to StackCounters when read:
 * - unicast for another MAC: ethernet.rx, then ethernet.rx.drop.not_for_us (IEEE 802.3 §4.2.4.1.2);
 * - an ARP request neither for nor from this address, whose sender the cache does not hold, while no
 *   RFC 5227 probe runs: ethernet.rx, arp.rx.request, then arp.rx.drop.not_for_us (RFC 826 "Packet Reception");
 * - a broadcast UDP datagram to a port no socket is bound to, on a stack of one interface (the source
 *   checks look at every interface): ethernet.rx, ipv4.rx, ipv4.rx.delivered, udp.rx, then
 *   udp.rx.drop.no_socket_broadcast (RFC 1122 §3.2.2).
 */
final class FloodSieve implements FloodFilter {
    private final long mac;
    private final AddressBloom arpCache;
    private final UdpLayer udp;
    private boolean hasAddress;
    private int address;
    private boolean hasSubnetBroadcast;
    private int subnetBroadcast;
    private boolean soleInterface = true;
    /** RFC 5227 probes running on the interface (ArpLayer.probe): each ARP packet is checked against them. */
    int probes;
    long notForUs, arpRequests, udpBroadcasts;

    FloodSieve(long mac, NeighborCache cache, UdpLayer udp) {
        this.mac = mac;
        this.arpCache = cache.addresses();
        this.udp = udp;
    }

    /** Follows NetInterface.configure() and clearAddress(); null: no address. */
    void addressChanged(Ipv4Cidr cidr) {
        hasAddress = cidr != null;
        address = cidr == null ? 0 : cidr.address().bits();
        hasSubnetBroadcast = cidr != null && cidr.prefixLength() < 31;   // as NetInterface.isSubnetBroadcast
        subnetBroadcast = hasSubnetBroadcast ? cidr.address().bits() | ~cidr.mask() : 0;
    }

    /** A second interface makes IPv4's source checks look beyond this one: UDP goes the full path. */
    void anotherInterfaceAdded() { soleInterface = false; }

    @Override
    public boolean countedAndDropped(SharedFrame shared) {
        FloodedFrame f = shared.parsed(FloodedFrame.PARSE);
        switch (f.kind) {
            case NOT_BROADCAST -> {
                if (f.destinationMac == mac) return false;
                notForUs++;
                return true;
            }
            case ARP_REQUEST -> {
                if (f.sourceMac == mac || f.senderMac == mac || probes != 0) return false;
                boolean forMe = hasAddress && f.targetIp == address;
                if (f.senderIp == 0) {                                      // RFC 5227 probe: teaches nothing
                    if (forMe) return false;
                } else if (forMe || (hasAddress && f.senderIp == address) || (hasSubnetBroadcast && f.senderIp == subnetBroadcast)
                        || arpCache.mayHold(f.senderIp)) return false;
                arpRequests++;
                return true;
            }
            case UDP_BROADCAST -> {
                if (!soleInterface || f.sourceMac == mac || (hasAddress && f.senderIp == address)
                        || (hasSubnetBroadcast && f.senderIp == subnetBroadcast) || udp.mayHaveSocket(f.port)) return false;
                udpBroadcasts++;
                return true;
            }
            default -> { return false; }
        }
    }

    /** Moves what was counted here into counters. */
    void drainInto(StackCounters counters) {
        if ((notForUs | arpRequests | udpBroadcasts) == 0) return;
        counters.add(StackEvent.ETHERNET_RX, notForUs + arpRequests + udpBroadcasts);
        counters.addDrops(EthernetDrop.NOT_FOR_US, notForUs);
        counters.add(StackEvent.ARP_RX_REQUEST, arpRequests);
        counters.addDrops(ArpDrop.NOT_FOR_US, arpRequests);
        counters.add(StackEvent.IPV4_RX, udpBroadcasts);
        counters.add(StackEvent.IPV4_RX_DELIVERED, udpBroadcasts);
        counters.add(StackEvent.UDP_RX, udpBroadcasts);
        counters.addDrops(UdpDrop.NO_SOCKET_BROADCAST, udpBroadcasts);
        notForUs = arpRequests = udpBroadcasts = 0;
    }
}
