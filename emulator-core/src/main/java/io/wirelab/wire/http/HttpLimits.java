package io.wirelab.wire.http;

/** Parser limits; exceeding one yields the matching HttpParseError (414, 431, 413 ...). */
public record HttpLimits(int maxStartLine, int maxHeaderSection, int maxFields, long maxBody, int maxChunkLine) {
    public HttpLimits {
        if (maxStartLine < 16 || maxHeaderSection < 16 || maxFields < 1 || maxBody < 0 || maxChunkLine < 8)
            throw new IllegalArgumentException("limits too small");
    }

    /** Roughly nginx's defaults: 8 KiB lines, 32 KiB of fields, 100 fields, 16 MiB of body. */
    public static HttpLimits defaults() { return new HttpLimits(8192, 32768, 100, 16L << 20, 1024); }

    public HttpLimits withMaxStartLine(int n) { return new HttpLimits(n, maxHeaderSection, maxFields, maxBody, maxChunkLine); }
    public HttpLimits withMaxHeaderSection(int n) { return new HttpLimits(maxStartLine, n, maxFields, maxBody, maxChunkLine); }
    public HttpLimits withMaxFields(int n) { return new HttpLimits(maxStartLine, maxHeaderSection, n, maxBody, maxChunkLine); }
    public HttpLimits withMaxBody(long n) { return new HttpLimits(maxStartLine, maxHeaderSection, maxFields, n, maxChunkLine); }
}
