package io.wirelab.devices.web;

import io.wirelab.wire.http.HttpHeaders;

/** One request as the server's handler saw it (end-to-end fields only) and the status it got. */
public record ServedRequest(long connection, long atNanos, String method, String target, String version,
                            HttpHeaders headers, int status, boolean keptAlive) {}
