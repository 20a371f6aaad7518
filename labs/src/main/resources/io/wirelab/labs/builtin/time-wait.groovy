// The lab's parameters (pc1's tcp: in the YAML): 100 ephemeral ports, MSL 5 s.
def ports = 100, msl = 5.s
def timeWait = { host -> host.sockets.count { it.state.toString() == 'TIME-WAIT' } }

// 1. TIME-WAIT lands on the side that closes first.
def l = srv.tcpListen(80)
def c = pc1.tcpConnect('srv', 80)
def s = l.accept()
c.close()                                   // the client closes first ...
assert s.read() == null
s.close()
lab.run(1.s)
assert timeWait(pc1) == 1 && timeWait(srv) == 0
println "client closed first: TIME-WAIT on pc1 (${timeWait(pc1)}), none on srv"
c = pc1.tcpConnect('srv', 80)
s = l.accept()
s.close()                                   // ... now the server does
assert c.read() == null
c.close()
lab.run(1.s)
assert timeWait(srv) == 1
println "server closed first: TIME-WAIT on srv (${timeWait(srv)})"
lab.run(msl * 2)
assert timeWait(pc1) == 0 && timeWait(srv) == 0

// 2. A tiny request/response server and a client that tries 20 connections per second for 30 s.
srv.tcpListen(8080).onAccept { sock ->
    sock.read(timeout: 5.s)
    sock.send('ok')
    assert sock.read(timeout: 5.s) == null  // the client closes first
    sock.close()
}
def tries = 20, window = 30.s
int ok = 0, exhausted = 0
def load = lab.every(1.s / tries) {
    try {
        def conn = pc1.tcpConnect('srv', 8080)
        conn.send('hi')
        assert conn.read() == 'ok'
        conn.close()
        ok++
    } catch (IllegalStateException e) {
        assert e.message.contains('every port is in use or in TIME-WAIT')
        exhausted++
    }
}
lab.run(window)
load.cancel()
def rate = ok / (window / 1.s)
def theory = ports / (msl * 2 / 1.s)
println "tried ${tries}/s for ${window}: ${ok} connected, ${exhausted} found no free port; sustained ${rate} connections/s, " +
        "theory ports / (2 x MSL) = ${ports} / ${msl * 2} = ${theory}/s"
assert Math.abs(rate / theory - 1) < 0.05
println "pc1 now holds ${timeWait(pc1)} ports in TIME-WAIT"

// 3. Recovery: 2 x MSL after the last close every port is free again.
lab.run(msl * 2 + 1.s)
assert timeWait(pc1) == 0
def again = pc1.tcpConnect('srv', 80)
assert again.state == 'ESTABLISHED'
again.close()
println "after ${msl * 2} without new connections every port is free again: a new connection from port ${again.localPort} works"
