package io.wirelab.devices.stream;

/** How a stream ended, as TcpCloseReason tells it. */
public enum StreamCloseReason { NORMAL, RESET_BY_PEER, TIMED_OUT, ABORTED }
