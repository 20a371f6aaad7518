package io.wirelab.labs.build;

import io.wirelab.devices.host.Host;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.run.HostRuntime;

/**
 * Starts a host's services (node.services(): dhcp, dns, web) once every device, link and capture of
 * the lab exists, and returns what runs on the host. LabBuilder calls it for each host in file
 * order, before any virtual time passes.
 */
@FunctionalInterface
public interface ServiceInstaller {
    HostRuntime install(NodeSpec node, Host host, LabContext lab);

    /** Installs nothing and refuses labs that ask for services. */
    ServiceInstaller NONE = (node, host, lab) -> {
        if (!node.services().isEmpty())
            throw new LabBuildException(node.name() + " asks for services, but this build of wirelab installs none");
        return HostRuntime.bare(host, node.tcp());
    };
}
