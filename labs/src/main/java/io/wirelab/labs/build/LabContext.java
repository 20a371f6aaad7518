package io.wirelab.labs.build;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.LabTls;

/** What a ServiceInstaller may need beyond one node: the whole lab (DNS zones name other hosts) and its TLS trust. */
public record LabContext(LabSpec spec, LabTls tls) {}
