package io.wirelab.stack.tcp;

/** Why a connection reached CLOSED, as reported to TcpSocket.onClosed. */
public enum TcpCloseReason { NORMAL, RESET_BY_PEER, TIMED_OUT, ABORTED }
