package io.wirelab.link;

import io.wirelab.buffer.Frame;

/** Observes frames at a port: outbound when handed to the link, inbound when delivered. */
@FunctionalInterface
public interface FrameTap {
    enum Direction { INBOUND, OUTBOUND }

    void onFrame(Port port, Direction direction, Frame frame, long now);
}
