package io.wirelab.scripting;

import io.wirelab.devices.l2.LearningSwitch;
import io.wirelab.devices.l2.MacTable;
import io.wirelab.devices.l2.SwitchPortCounters;
import io.wirelab.wire.ethernet.MacAddress;
import java.util.List;
import java.util.Map;

/**
 * A learning switch as scripts see it: {@code sw1.macTable} (live entries in MAC order),
 * {@code sw1.portOf('02:00:00:00:01:00')}, {@code sw1.aging}, {@code sw1.counters('p1')}.
 */
public final class SwitchFacade extends DeviceFacade {
    private final LearningSwitch sw;

    SwitchFacade(LearningSwitch sw, LabFacade lab) {
        super(sw, lab);
        this.sw = sw;
    }

    /** Live MAC table entries (mac, port, ageNanos), in MAC order. */
    public List<MacTable.Entry> getMacTable() { return sw.macTable().entries(); }

    /** The port ("p2") a MAC address was learned on, or null. */
    public String portOf(String mac) { return sw.macTable().portOf(MacAddress.parse(mac)); }

    public VirtualDuration getAging() { return VirtualDuration.ofNanos(sw.macTable().agingNanos()); }

    public SwitchPortCounters counters(String port) { return sw.counters(port); }

    /** The switch's own counters: mac_table.full, mac_table.moves, drop.malformed, drop.reserved_group_address. */
    public Map<String, Long> getCounters() { return sw.counters(); }

    /** How many addresses the MAC table holds at most (`mac-table-size:`). */
    public int getMacTableSize() { return sw.macTable().capacity(); }

    @Override public String toString() { return sw.toString(); }
}
