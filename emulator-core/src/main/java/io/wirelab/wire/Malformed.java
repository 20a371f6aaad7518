package io.wirelab.wire;

/**
 * Why a View rejected bytes in validate(). Shared by every wire format; NONE means the structure is
 * sound and every accessor is safe. Semantic problems (bad checksum, unknown port) are not here:
 * the layer that owns the rule counts those under its own drop reason.
 */
public enum Malformed {
    NONE,
    /** Fewer bytes than the fixed header (or than a length field promises). */
    TRUNCATED,
    /** IPv4 version field is not 4. */
    BAD_VERSION,
    /** IPv4 IHL below 5 words or past the available bytes. */
    BAD_HEADER_LENGTH,
    /** IPv4 total length below the header length or past the available bytes. */
    BAD_TOTAL_LENGTH,
    /** A transport length field (UDP length) below its header or past the datagram. */
    BAD_LENGTH,
    /** IPv4 fragment offset + data reaches past 65535 bytes. */
    BAD_FRAGMENT_OFFSET,
    /** IPv4 option list whose lengths do not add up inside the header. */
    BAD_OPTION,
    /** ARP hardware type other than Ethernet (1). */
    UNSUPPORTED_HARDWARE_TYPE,
    /** ARP protocol type other than IPv4 (0x0800). */
    UNSUPPORTED_PROTOCOL_TYPE,
    /** ARP hardware/protocol address lengths other than 6/4. */
    BAD_ADDRESS_LENGTH,
    /** An Ethernet Length/Type field below 0x0600 (an IEEE 802.3 length, not an EtherType). */
    NOT_ETHERNET_II
}
