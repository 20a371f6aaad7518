package io.wirelab.stack.tcp;

import io.wirelab.sim.SimTime;
import io.wirelab.wire.ipv4.Ipv4Address;

/**
 * One row of `ss -tano`: state, queues, the 4-tuple and, in TIME-WAIT, the time left until 2 MSL end
 * (timeWaitRemainingNanos, 0 in other states). Listeners have remote 0.0.0.0:0.
 */
public record TcpSocketInfo(TcpState state, int recvQ, int sendQ, Ipv4Address localAddress, int localPort,
                            Ipv4Address remoteAddress, int remotePort, long timeWaitRemainingNanos) {
    @Override public String toString() {
        return String.format("%-11s %6d %6d %21s %21s", state, recvQ, sendQ,
                localAddress + ":" + localPort, remotePort == 0 ? "*:*" : remoteAddress + ":" + remotePort)
                + (timer().isEmpty() ? "" : " " + timer());
    }

    /** As `ss -o` prints it: {@code timer:(timewait,59sec,0)}; empty without a timer. */
    public String timer() {
        return state == TcpState.TIME_WAIT ? "timer:(timewait," + ssTime(timeWaitRemainingNanos) + ",0)" : "";
    }

    /** iproute2 ss sprint_ms_timer: "1min5sec", "59sec", "5.250ms", "200ms" (milliseconds, truncated). */
    static String ssTime(long nanos) {
        long ms = Math.max(0, nanos / SimTime.MS);
        long minutes = ms / 60_000, secs = ms / 1000 % 60, millis = ms % 1000;
        StringBuilder sb = new StringBuilder();
        if (minutes > 0) {
            millis = 0;
            sb.append(minutes).append("min");
            if (minutes > 9) secs = 0;
        }
        if (secs > 0) {
            if (secs > 9) millis = 0;
            sb.append(secs).append(millis > 0 ? "." : "sec");
        }
        if (millis > 0) sb.append(String.format("%03dms", millis));
        return sb.isEmpty() ? "0ms" : sb.toString();
    }
}
