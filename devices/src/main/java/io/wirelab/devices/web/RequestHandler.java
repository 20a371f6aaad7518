package io.wirelab.devices.web;

import io.wirelab.wire.http.HttpRequest;

/**
 * Answers requests for one path in place of the static content (a lesson's own server in a few
 * lines). Runs on the simulator thread when the request has arrived, must not block, and writes
 * its answer into response: status, fields, body and any fault (delay, close, reset ...).
 */
@FunctionalInterface
public interface RequestHandler {
    void handle(HttpRequest request, HandlerResponse response);
}
