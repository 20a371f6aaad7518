package io.wirelab.labs.run;

import io.wirelab.devices.tls.LabCa;
import io.wirelab.devices.tls.TlsServerEndpoint;
import io.wirelab.devices.web.HttpServer;

/** A host's {@code services: web:}: the HTTP server and, with {@code https}, its TLS endpoint and certificate (else null). */
public record WebService(HttpServer server, TlsServerEndpoint tls, LabCa.ServerIdentity identity) {}
