package io.wirelab.link;

/**
 * The flood filters of one switch's receivers, their state kept side by side in arrays (one row per
 * switch port), so a flood decides for receiver after receiver without touching each one's objects.
 */
public interface FloodRows {
    /** As FloodFilter.countedAndDropped for the filter bound to row: true when it counted the frame and drops it. */
    boolean countedAndDropped(int row, SharedFrame frame);
}
