package io.wirelab.scripting;

import io.wirelab.devices.Device;
import io.wirelab.link.Port;
import java.util.List;

/** A device as scripts see it: {@code name}, {@code kind}, {@code ports}. Subclasses add behavior. */
public class DeviceFacade {
    protected final Device device;
    protected final LabFacade lab;

    DeviceFacade(Device device, LabFacade lab) {
        this.device = device;
        this.lab = lab;
    }

    public String getName() { return device.name(); }
    public String getKind() { return device.kind(); }
    /** Port names ("pc1:eth0"); scripts see names and values, never the devices' own objects. */
    public List<String> getPorts() { return device.ports().stream().map(Port::name).toList(); }

    @Override public String toString() { return device.name() + " (" + device.kind() + ")"; }
}
