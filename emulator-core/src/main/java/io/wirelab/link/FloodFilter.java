package io.wirelab.link;

/**
 * A receiver's quick test for a flooded frame: true when it would only count the frame and drop it
 * (a broadcast it does not want, unicast for another station), and it has counted it so. The port then
 * skips the receiver. False sends the frame through the receiver's full path.
 */
@FunctionalInterface
public interface FloodFilter {
    boolean countedAndDropped(SharedFrame frame);
}
