package io.wirelab.labs.model;

/**
 * The limits of a lab file as a whole (docs/lab-format.md, "Limits"): the reader refuses a file
 * past any of them at once, naming the limit, so a hostile or runaway file cannot make it slow or
 * exhaust memory. Limits of single keys stand with their records (NodeSpec, WebServerSpec, ...).
 */
public final class LabLimits {
    /** Larger files are refused before they are parsed. */
    public static final int MAX_FILE_BYTES = 1 << 20;
    /** Maps and lists nested deeper than this (a lab needs about 8). */
    public static final int MAX_NESTING = 64;
    /**
     * Devices and links, group members counted (a group `pc1..pc100000` is one line): room for
     * 100,000 PCs in 400 routed subnets with their switches, and a bound on what a short hostile file
     * can make the builder allocate (the memory estimate checks the machine before building).
     */
    public static final int MAX_NODES = 200_000;
    public static final int MAX_LINKS = 400_000;
    /** All pages of all web servers of a lab together (bodies and generated sizes). */
    public static final long MAX_WEB_CONTENT_BYTES = 256L << 20;

    /**
     * A dotted-quad IPv4 address as a lab file writes it: ASCII digits, no leading zeros (which
     * some tools read as octal), each 0..255. docs/lab.schema.json's ipv4 pattern is this one.
     */
    public static final String IPV4_PATTERN = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";
    /** A prefix length 0..32, ASCII, no leading zero. */
    public static final String PREFIX_PATTERN = "([0-9]|[12][0-9]|3[0-2])";

    private LabLimits() {}
}
