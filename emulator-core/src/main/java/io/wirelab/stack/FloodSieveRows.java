package io.wirelab.stack;

import io.wirelab.link.FloodRows;
import io.wirelab.link.SharedFrame;

/**
 * The state and counts of FloodSieves side by side, one row per sieve: a switch's receivers share one
 * table (a flood reads a few array slots per receiver), a sieve on its own has a table of one row.
 */
final class FloodSieveRows implements FloodRows {
    static final int HAS_ADDRESS = 1, HAS_SUBNET_BROADCAST = 2, OTHER_INTERFACES = 4, PROBING = 8;

    final long[] mac;
    final int[] flags;
    final int[] address;
    final int[] subnetBroadcast;
    /** AddressBloom bits of the ARP cache's addresses and of the bound UDP ports, mirrored here. */
    final long[] arpCache, udpPorts;
    final long[] notForUs, arpRequests, udpBroadcasts;

    FloodSieveRows(int size) {
        mac = new long[size];
        flags = new int[size];
        address = new int[size];
        subnetBroadcast = new int[size];
        arpCache = new long[size];
        udpPorts = new long[size];
        notForUs = new long[size];
        arpRequests = new long[size];
        udpBroadcasts = new long[size];
    }

    /** FloodSieve's test, on row's state; see there. */
    @Override
    public boolean countedAndDropped(int row, SharedFrame shared) {
        FloodedFrame f = shared.parsed(FloodedFrame.PARSE);
        switch (f.kind) {
            case NOT_BROADCAST -> {
                if (f.destinationMac == mac[row]) return false;
                notForUs[row]++;
                return true;
            }
            case ARP_REQUEST -> {
                int fl = flags[row];
                if (f.sourceMac == mac[row] || f.senderMac == mac[row] || (fl & PROBING) != 0) return false;
                boolean forMe = (fl & HAS_ADDRESS) != 0 && f.targetIp == address[row];
                if (f.senderIp == 0) {                                      // RFC 5227 probe: teaches nothing
                    if (forMe) return false;
                } else if (forMe || isOurs(row, fl, f.senderIp) || AddressBloom.mayHold(arpCache[row], f.senderIp)) {
                    return false;
                }
                arpRequests[row]++;
                return true;
            }
            case UDP_BROADCAST -> {
                int fl = flags[row];
                if ((fl & OTHER_INTERFACES) != 0 || f.sourceMac == mac[row] || isOurs(row, fl, f.senderIp)
                        || AddressBloom.mayHold(udpPorts[row], f.port)) return false;
                udpBroadcasts[row]++;
                return true;
            }
            default -> { return false; }
        }
    }

    /** ip is the row's address or its subnet's broadcast address. */
    private boolean isOurs(int row, int fl, int ip) {
        return ((fl & HAS_ADDRESS) != 0 && ip == address[row]) || ((fl & HAS_SUBNET_BROADCAST) != 0 && ip == subnetBroadcast[row]);
    }

    /** Copies row from's state and counts to row to of target, and clears the counts at from. */
    void move(int from, FloodSieveRows target, int to) {
        target.mac[to] = mac[from];
        target.flags[to] = flags[from];
        target.address[to] = address[from];
        target.subnetBroadcast[to] = subnetBroadcast[from];
        target.notForUs[to] = notForUs[from];
        target.arpRequests[to] = arpRequests[from];
        target.udpBroadcasts[to] = udpBroadcasts[from];
        notForUs[from] = arpRequests[from] = udpBroadcasts[from] = 0;
    }
}
