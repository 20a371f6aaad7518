package io.wirelab.wire.filter;

/** A display filter that does not compile: what is wrong at which 0-based character offset of the filter text. */
public final class FilterException extends Exception {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final int offset;
    private final String unknownField;

    FilterException(int offset, String message) { this(offset, message, null); }

    FilterException(int offset, String message, String unknownField) {
        super(message);
        this.offset = offset;
        this.unknownField = unknownField;
    }

    public int offset() { return offset; }

    /** The field name wirelab does not know, when that is the problem (for a did-you-mean hint); else null. */
    public String unknownField() { return unknownField; }
}
