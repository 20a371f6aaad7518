package io.wirelab.devices.stream;

/**
 * One 16 KiB array per thread for loops that read a stream and at once copy what they read elsewhere
 * (a parser's or a TLS engine's own buffer): a connection then allocates no read buffer of its own.
 * The contents are valid only until the next read into it; nothing may keep a reference to them.
 */
public final class ReadScratch {
    public static final int SIZE = 16_384;
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[SIZE]);

    private ReadScratch() { }

    public static byte[] get() { return BUFFER.get(); }
}
