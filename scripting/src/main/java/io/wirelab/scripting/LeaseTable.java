package io.wirelab.scripting;

import io.wirelab.devices.dhcp.Lease;
import io.wirelab.labs.units.Units;
import io.wirelab.sim.SimTime;

import java.util.Iterator;
import java.util.List;

/**
 * A DHCP server's lease rows at one moment, as scripts see {@code dhcp1.leases}: iterable rows of
 * {@link Lease} whose text is a table like {@code show ip dhcp binding}. Not a Collection, so that
 * Groovy's println shows the table rather than a list.
 */
public final class LeaseTable implements Iterable<Lease> {
    private final List<Lease> rows;
    private final long now;

    LeaseTable(List<Lease> rows, long now) {
        this.rows = List.copyOf(rows);
        this.now = now;
    }

    public Lease get(int i) { return rows.get(i); }
    public int size() { return rows.size(); }
    public List<Lease> getRows() { return rows; }
    @Override public Iterator<Lease> iterator() { return rows.iterator(); }

    /** Rows bound and not expired. */
    public List<Lease> getBound() { return rows.stream().filter(l -> l.isBound(now)).toList(); }

    /** The addresses of the bound rows, as text. */
    public List<String> getAddresses() { return getBound().stream().map(l -> l.address().toString()).toList(); }

    @Override public String toString() {
        String[][] cells = new String[rows.size() + 1][];
        cells[0] = new String[] {"ADDRESS", "MAC", "HOST", "STATE", "EXPIRES IN"};
        for (int i = 0; i < rows.size(); i++) {
            Lease l = rows.get(i);
            long left = l.expiresAtNanos() - now;
            String state = l.state() != Lease.State.RELEASED && left <= 0 ? "EXPIRED" : l.state().name();
            String expires = l.state() == Lease.State.RELEASED || left <= 0 ? "-" : Units.formatDuration(roundToSecond(left));
            cells[i + 1] = new String[] {l.address().toString(), l.mac().toString(), l.hostName() == null ? "-" : l.hostName(), state, expires};
        }
        int[] width = new int[5];
        for (String[] row : cells) for (int c = 0; c < 5; c++) width[c] = Math.max(width[c], row[c].length());
        StringBuilder sb = new StringBuilder();
        for (String[] row : cells) {
            for (int c = 0; c < 5; c++) {
                sb.append(row[c]);
                if (c < 4) sb.append(" ".repeat(width[c] - row[c].length() + 2));
            }
            sb.append('\n');
        }
        sb.append(getBound().size()).append(" bound of ").append(rows.size()).append(rows.size() == 1 ? " lease" : " leases");
        return sb.toString();
    }

    private static long roundToSecond(long nanos) { return (nanos + SimTime.SECOND - 1) / SimTime.SECOND * SimTime.SECOND; }
}
