package io.wirelab.labs.build;

import io.wirelab.devices.host.Host;
import io.wirelab.labs.model.NodeSpec;

/**
 * Starts a host's services (node.services(): dhcp, dns, web) once every device, link and capture of
 * the lab exists. LabBuilder calls it for each host in file order, before any virtual time passes.
 */
@FunctionalInterface
public interface ServiceInstaller {
    void install(NodeSpec node, Host host);

    /** The call LabBuilder makes; installers that need the lab (its CA, its DNS zones) override it. */
    default void install(NodeSpec node, Host host, LabContext lab) { install(node, host); }

    /** Installs nothing and refuses labs that ask for services. */
    ServiceInstaller NONE = (node, host) -> {
        if (!node.services().isEmpty())
            throw new LabBuildException(node.name() + " asks for services, but this build of wirelab installs none");
    };
}
