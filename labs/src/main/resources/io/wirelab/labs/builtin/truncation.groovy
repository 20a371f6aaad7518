// Each page once, each on a new connection; the table shows what the client could tell.
def rows = ['whole', 'cut', 'cut-reset', 'short', 'close-whole', 'close-cut'].collect { page ->
    def r = pc1.http.get("http://web1/${page}.txt", quiet: true)
    println "${page.padRight(12)} ${r.outcome.padRight(10)} body ${String.valueOf(r.size).padLeft(4)} bytes, " +
            "Content-Length ${r.expected < 0 ? 'none' : r.expected}${r.detail ? ' (' + r.detail + ')' : ''}"
    [page, r]
}.collectEntries()

// With Content-Length the cut is caught, by FIN or by RST, and the bytes that came are counted.
assert rows.whole.outcome == 'OK' && rows.whole.size == 2000
assert rows.cut.outcome == 'TRUNCATED' && rows.cut.size == 1500 && rows.cut.expected == 2000
assert rows.cut.detail == 'got 1500 of 2000 bytes; the server closed the connection'
assert rows['cut-reset'].outcome == 'TRUNCATED' && rows['cut-reset'].size == 1500
assert rows['cut-reset'].detail == 'got 1500 of 2000 bytes; connection reset by peer'
assert rows.short.outcome == 'TRUNCATED' && rows.short.size == 1500 && rows.short.expected == 2000
// Without it the client takes whatever came before the FIN as the whole body.
assert rows['close-whole'].outcome == 'OK' && rows['close-whole'].size == 2000 && rows['close-whole'].expected == -1
assert rows['close-cut'].outcome == 'OK' && rows['close-cut'].size == 1500 && rows['close-cut'].expected == -1
println "Content-Length caught ${['cut', 'cut-reset', 'short'].count { rows[it].outcome == 'TRUNCATED' }} of 3 cut responses; " +
        "the close-delimited cut one passed as a complete ${rows['close-cut'].size}-byte body"
