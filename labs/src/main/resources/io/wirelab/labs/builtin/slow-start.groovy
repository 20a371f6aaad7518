// One bulk transfer; a ticker samples the sender's cwnd once per RTT, just before the next round's
// ACKs arrive, so each sample is the window after a whole round of ACKs.
def rtt = 100.ms
srv.tcpSink(5001)
def c = pc1.tcpConnect('srv', 5001)
def mss = c.info.mss
def sender = lab.spawn('sender') { c.send('x' * 16_000_000); c.close() }
def rows = []
def sample = {
    def i = c.info
    rows << [round: rows.size(), at: lab.now, cwnd: i.cwnd.intdiv(mss), ssthresh: i.ssthresh.intdiv(mss), retransmits: i.retransmits]
}
def sampler = null
lab.at(lab.now + rtt * 0.99) { sample(); sampler = lab.every(rtt, sample) }
lab.run(rtt * 30)
sampler.cancel()
println 'ROUND  TIME            CWND (segments)  SSTHRESH  RETRANSMITS  PHASE'
def firstLoss = rows.findIndexOf { it.retransmits > 0 }
rows.eachWithIndex { r, i ->
    def phase = firstLoss < 0 || i < firstLoss ? 'slow start' : i == firstLoss ? 'loss: fast recovery'
            : i == firstLoss + 1 ? 'cwnd = ssthresh = half the flight' : 'congestion avoidance'
    println "${r.round.toString().padLeft(5)}  ${r.at.toString().padRight(14)}  ${r.cwnd.toString().padLeft(15)}  ${(r.ssthresh > 100000 ? '-' : r.ssthresh.toString()).padLeft(8)}  ${r.retransmits.toString().padLeft(11)}  $phase"
}
lab.save('cwnd.csv', 'round,time_s,cwnd_segments,ssthresh_segments,retransmits\n'
        + rows.collect { "${it.round},${it.at.nanos / 1e9},${it.cwnd},${it.ssthresh},${it.retransmits}" }.join('\n') + '\n')

// Slow start: 10, 20, 40, ... segments, each exactly twice the one before (RFC 5681 §3.1 with RFC 3465 byte counting).
def slowStart = rows[0..<firstLoss]
assert slowStart.size() >= 6
assert slowStart*.cwnd == (0..<slowStart.size()).collect { 10 * 2**it }
// After the loss Reno sets ssthresh to half the flight; then one segment per RTT (RFC 5681 §3.1).
def after = rows.drop(firstLoss + 1)
assert after.size() >= 10 && after.first().cwnd == after.first().ssthresh
def mean = { xs -> xs.sum() / xs.size() }
def (mx, my) = [mean(after*.round), mean(after*.cwnd)]
def perRtt = after.collect { (it.round - mx) * (it.cwnd - my) }.sum() / after.collect { (it.round - mx)**2 }.sum()   // least-squares slope
assert Math.abs(perRtt - 1) < 0.05 : "congestion avoidance grew ${perRtt} segments per RTT"
println "slow start doubled cwnd every RTT from ${slowStart.first().cwnd} to ${slowStart.last().cwnd} segments; " +
        "after the loss ssthresh ${after.first().ssthresh} and congestion avoidance added ${String.format('%.2f', perRtt)} segment per RTT (theory 1)"
// the sender is still sending when the script ends; the lab stops there
