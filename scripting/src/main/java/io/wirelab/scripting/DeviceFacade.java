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
    public List<Port> getPorts() { return device.ports(); }
    /** The underlying device, for what the facade does not cover. */
    public Device getDevice() { return device; }

    @Override public String toString() { return device.name() + " (" + device.kind() + ")"; }
}
