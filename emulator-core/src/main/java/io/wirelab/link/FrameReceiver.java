package io.wirelab.link;

import io.wirelab.buffer.Frame;

/** Whatever sits behind a port (a host's interface, a switch) and takes the frames it receives. */
@FunctionalInterface
public interface FrameReceiver {
    void receive(Frame frame, long now);
}
