package io.wirelab.labs.units;

/** A quantity that could not be read, with a hint that lists what would have been accepted. */
public final class UnitParseException extends IllegalArgumentException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    private final String hint;

    public UnitParseException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() { return hint; }
}
