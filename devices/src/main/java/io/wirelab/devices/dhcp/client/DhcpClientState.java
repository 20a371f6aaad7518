package io.wirelab.devices.dhcp.client;

/** RFC 2131 §4.4, figure 5. */
public enum DhcpClientState {
    INIT, SELECTING, REQUESTING, BOUND, RENEWING, REBINDING, INIT_REBOOT, REBOOTING, STOPPED;

    @Override public String toString() { return name().replace('_', '-'); }
}
