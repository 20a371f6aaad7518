package io.wirelab.console;

import io.wirelab.buffer.Frame;
import io.wirelab.labs.run.Lab;
import io.wirelab.link.FrameTap;
import io.wirelab.link.Link;
import io.wirelab.link.Port;
import java.util.ArrayList;
import java.util.List;

/**
 * Every frame the lab's links deliver, numbered from 1 in delivery order: the simulation mode's events
 * (a frame arriving at a port, as Packet Tracer shows a PDU reaching a device). A tap on each end of
 * each link, installed when the lab is built; the simulator runs as before.
 */
final class FrameEvents {
    /** One delivery: event number, lab time, the sending port and the receiving port ("pc1:eth0"), the frame. */
    record Event(int number, long atNanos, String fromPort, String toPort, Frame frame) {
        String fromDevice() { return device(fromPort); }
        String toDevice() { return device(toPort); }

        private static String device(String port) {
            int c = port.indexOf(':');
            return c < 0 ? port : port.substring(0, c);
        }
    }

    private final List<Event> events = new ArrayList<>();

    FrameEvents(Lab lab) {
        FrameTap tap = (port, direction, frame, now) -> {
            if (direction == FrameTap.Direction.INBOUND) delivered(port, frame, now);
        };
        for (Link l : lab.links()) {
            l.a().addTap(tap);
            l.b().addTap(tap);
        }
    }

    private void delivered(Port at, Frame frame, long now) {
        events.add(new Event(events.size() + 1, now, at.link().peerOf(at).name(), at.name(), frame));
    }

    /** How many frames have been delivered: the number of the latest event. */
    int count() { return events.size(); }

    /** Event number n (1-based). */
    Event get(int n) { return events.get(n - 1); }

    /** Events first..last (1-based, inclusive). */
    List<Event> range(int first, int last) { return events.subList(first - 1, last); }
}
