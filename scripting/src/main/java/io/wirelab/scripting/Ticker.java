package io.wirelab.scripting;

/** What {@code lab.every(d) { ... }} returns: {@code cancel()} stops the ticks to come. */
public final class Ticker {
    private final String name;
    private boolean cancelled;

    Ticker(String name) { this.name = name; }

    public void cancel() { cancelled = true; }
    public boolean isCancelled() { return cancelled; }
    String name() { return name; }

    @Override public String toString() { return name + (cancelled ? " (cancelled)" : ""); }
}
