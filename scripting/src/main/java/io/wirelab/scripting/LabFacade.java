package io.wirelab.scripting;

import groovy.lang.Closure;
import groovy.lang.MissingPropertyException;
import io.wirelab.devices.Device;
import io.wirelab.devices.host.Host;
import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What scripts see as {@code lab}: {@code lab.run(2.s)}, {@code lab.now}, {@code lab.devices},
 * {@code lab.name}, {@code lab.seed}, and devices by name ({@code lab.pc1}).
 */
public final class LabFacade {
    private final Lab lab;
    private final PrintWriter out;
    private final Map<String, DeviceFacade> devices = new LinkedHashMap<>();

    public LabFacade(Lab lab, PrintWriter out) {
        this.lab = lab;
        this.out = out;
        for (Map.Entry<String, ? extends Device> e : lab.devices().entrySet())
            devices.put(e.getKey(), facadeFor(e.getValue()));
    }

    private DeviceFacade facadeFor(Device d) {
        if (d instanceof Host h) return new HostFacade(lab.runtime(h.name()), this);
        if (d instanceof LearningSwitch sw) return new SwitchFacade(sw, this);
        return new DeviceFacade(d, this);
    }

    public String getName() { return lab.name(); }
    public long getSeed() { return lab.seed(); }
    /** Virtual time since the lab started. */
    public VirtualDuration getNow() { return VirtualDuration.ofNanos(lab.simulator().now()); }
    /** Device facades by name, in lab file order. */
    public Map<String, DeviceFacade> getDevices() { return Collections.unmodifiableMap(devices); }

    /** Advances virtual time by d, running everything that happens meanwhile. */
    public LabFacade run(VirtualDuration d) {
        if (d.nanos() < 0) throw new IllegalArgumentException("lab.run needs a positive duration, got " + d);
        lab.run(d.nanos());
        return this;
    }

    /**
     * Runs action every period of lab time from now on, inside the lab's own events, until the lab
     * closes: {@code lab.every(1.s) { println sw1.macTable.size() }}.
     */
    public void every(VirtualDuration period, Closure<?> action) {
        if (period.nanos() <= 0) throw new IllegalArgumentException("lab.every needs a positive period, got " + period);
        Runnable tick = new Runnable() {
            @Override public void run() {
                action.call();
                lab.simulator().after(period.nanos(), this);
            }
        };
        lab.simulator().after(period.nanos(), tick);
    }

    /** A bare number is ambiguous; scripts must say the unit. */
    public LabFacade run(Number n) {
        throw new IllegalArgumentException("lab.run needs a unit, e.g. lab.run(" + n + ".s) or lab.run(" + n + ".ms)");
    }

    /** Device by name, with a hint when the name is close to an existing one. */
    public DeviceFacade device(String name) {
        DeviceFacade d = devices.get(name);
        if (d == null) throw new IllegalArgumentException("no device '" + name + "' in lab " + lab.name() + hint(name));
        return d;
    }

    /** Groovy property fallback: {@code lab.pc1}. */
    public Object get(String name) {
        DeviceFacade d = devices.get(name);
        if (d == null) throw new MissingPropertyException(name, LabFacade.class);
        return d;
    }

    String hint(String name) {
        String s = DidYouMean.suggest(name, devices.keySet());
        return (s != null ? "; did you mean '" + s + "'?" : "") + " (devices: " + String.join(", ", devices.keySet()) + ")";
    }

    <T> T await(CompletableFuture<T> f, long timeoutNanos) { return lab.await(f, timeoutNanos); }
    PrintWriter out() { return out; }
    Lab lab() { return lab; }

    @Override public String toString() { return "lab " + lab.name() + " at " + getNow(); }
}
