// An iperf-like pair: srv accepts and reads, pc1 sends 10 MB and closes.
srv.tcpSink(5001)
def r = pc1.tcpSend('srv', 5001, 10.MB)
assert r.bytes == 10_000_000
assert r.retransmits > 0            // 1% loss each way: some segments must be sent again
println "goodput ${String.format('%.1f', r.goodputBitsPerSecond() / 1e6)} Mbit/s"
println 'pc1$ ss -tan'
pc1.sockets.each { println it }      // the client's side waits in TIME-WAIT for 2 x MSL
