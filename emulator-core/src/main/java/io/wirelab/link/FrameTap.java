package io.wirelab.link;

import io.wirelab.buffer.Frame;

/**
 * Observes frames at a port as tcpdump on that interface would: outbound when the frame starts onto
 * the wire (after its wait in the link's queue; frames the queue or the MTU check drop are never
 * seen), inbound when it has fully arrived.
 */
@FunctionalInterface
public interface FrameTap {
    enum Direction { INBOUND, OUTBOUND }

    void onFrame(Port port, Direction direction, Frame frame, long now);

    /**
     * Whether this tap may hold on to a frame after onFrame returns (a list of frames, a live stream).
     * A tap that copies what it needs during onFrame (a capture) says no, so the frame's bytes can still
     * go back to their pool once its receiver is done (Frame.recycle).
     */
    default boolean keepsFrames() { return true; }

    /**
     * Whether this tap may be told of a frame that waited in the link's queue after the moment it started
     * onto the wire, with that moment and still before any later frame of the port (Port.announceStarted):
     * a capture file of this one port, read through its flush. The link then needs no event per queued
     * frame. A tap that shows frames as they happen, sees other ports too or reads other state says no.
     */
    default boolean takesStartsLate() { return false; }
}
