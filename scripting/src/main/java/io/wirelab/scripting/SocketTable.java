package io.wirelab.scripting;

import io.wirelab.stack.tcp.TcpSocketInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A host's TCP sockets at one moment ({@code pc1.sockets}): iterable {@link TcpSocketInfo} rows whose
 * text is a table like {@code ss -tano} (a TIME-WAIT row's Timer column shows the time left until 2 MSL
 * end). Not a Collection, so that println shows the table.
 */
public final class SocketTable implements Iterable<TcpSocketInfo> {
    private final List<TcpSocketInfo> rows;

    SocketTable(List<TcpSocketInfo> rows) { this.rows = List.copyOf(rows); }

    public TcpSocketInfo get(int i) { return rows.get(i); }
    public int size() { return rows.size(); }
    public boolean isEmpty() { return rows.isEmpty(); }
    public List<TcpSocketInfo> getRows() { return rows; }
    @Override public Iterator<TcpSocketInfo> iterator() { return rows.iterator(); }

    @Override public String toString() {
        List<List<String>> cells = new ArrayList<>();
        for (TcpSocketInfo s : rows)
            cells.add(List.of(s.state().toString(), Integer.toString(s.recvQ()), Integer.toString(s.sendQ()),
                    s.localAddress() + ":" + s.localPort(), s.remotePort() == 0 ? "*:*" : s.remoteAddress() + ":" + s.remotePort(),
                    s.timer()));
        return TextTable.of(List.of("State", "Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port", "Timer"), cells);
    }
}
