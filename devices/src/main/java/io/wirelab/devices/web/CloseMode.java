package io.wirelab.devices.web;

/**
 * How the server ends a connection it decided to close. GRACEFUL: shut down output, keep reading
 * (and discarding) until the peer closes or the linger time ends (RFC 9112 §9.6). ABRUPT: close at
 * once; with unread requests that is a reset, which discards responses still in the send buffer.
 */
public enum CloseMode { GRACEFUL, ABRUPT }
