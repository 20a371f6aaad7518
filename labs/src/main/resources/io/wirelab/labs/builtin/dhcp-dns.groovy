// 1. Every PC boots with DHCP: wait for each lease; no two PCs may share an address.
def pcs = lab.devices.values().findAll { it.kind == 'pc' }
assert pcs.size() == 50
def leases = pcs.collect { it.dhcp() }
assert leases.collect { it.ip() }.toSet().size() == 50 : 'two PCs got the same address'
println dhcp1.leases

// 2. Every PC resolves a name from dns1 (the DNS server and the domain came with the lease).
pcs.each { assert it.resolve('www') == ['10.0.0.80'] }
pc1.nslookup('www.lab.test')
assert pc1.resolve('nosuch.lab.test').isEmpty()
pc1.ping('www.lab.test', count: 2)

// 3. Run past T1 (half the 10-minute lease): every PC renews by unicast and stays bound.
lab.run(6.min)
pcs.each {
    assert it.dhcpClient.counter('dhcp.tx.request.renewing') >= 1 : "${it.name} did not renew"
    assert it.dhcpClient.state().toString() == 'BOUND'
}
assert dhcp1.leases.bound.size() == 50
println "after ${lab.now}: ${dhcp1.leases.bound.size()} leases renewed and bound"
