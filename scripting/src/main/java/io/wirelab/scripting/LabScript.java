package io.wirelab.scripting;

import groovy.lang.Script;

/**
 * Base class of every lab script. The binding holds {@code lab} and one variable per device
 * ({@code pc1}, {@code sw1}, ...); this class adds virtual-time helpers usable at top level.
 */
public abstract class LabScript extends Script {
    public LabFacade getLab() { return (LabFacade) getBinding().getVariable("lab"); }

    /** Virtual time since the lab started. */
    public VirtualDuration getNow() { return getLab().getNow(); }

    /** Advances virtual time: {@code run 2.s}. */
    public LabFacade run(VirtualDuration d) { return getLab().run(d); }

    /** Virtual sleep, the same as {@code run d}: {@code sleep 500.ms}. */
    public void sleep(VirtualDuration d) { getLab().run(d); }

    /** Groovy's own sleep(long) waits in wall-clock time; in a lab that is never what is meant. */
    public void sleep(long millis) {
        throw new IllegalArgumentException("sleep needs a unit of virtual time, e.g. sleep " + millis + ".ms");
    }

    public DeviceFacade device(String name) { return getLab().device(name); }
}
