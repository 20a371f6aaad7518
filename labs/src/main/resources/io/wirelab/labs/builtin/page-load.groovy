// The lab's parameters: N objects on the page, RTT = 2 x the link's 50 ms, k parallel connections.
def n = 8, rtt = 100.ms, k = 4
pc1.ping('web1', count: 1, quiet: true)                         // ARP first, so no load pays for it
def formulas = [
        serial    : [options: [policy: 'serial'], rtts: 2 + 2 * n, formula: '2 + 2N'],
        parallel  : [options: [policy: 'parallel', connections: k], rtts: 2 + 2 * (Math.ceil(n / k) as int), formula: '2 + 2 ceil(N/k)'],
        persistent: [options: [policy: 'persistent', connections: 1], rtts: 2 + n, formula: '2 + N'],
        pipelined : [options: [policy: 'pipelined', depth: n], rtts: 3, formula: '2 + 1'],
]
println "POLICY      CONNECTIONS  TIME            IN RTTs  FORMULA (N = $n, k = $k)"
formulas.each { name, f ->
    def page = pc1.browser(f.options + [quiet: true]).load('http://web1/')
    assert page.ok && page.objects == n + 1
    def measured = page.total / rtt
    println "${name.padRight(10)}  ${page.connections.toString().padLeft(11)}  ${page.total.toString().padRight(14)}  ${String.format('%7.2f', measured)}  ${f.formula} = ${f.rtts}"
    assert Math.abs(measured / f.rtts - 1) < 0.05 : "$name: ${measured} RTTs, formula ${f.rtts}"
    lab.run(10.s)                                               // kept-alive connections time out meanwhile
}
