package io.wirelab.labs.build;

import io.wirelab.devices.dns.resolver.DnsAnswer;
import io.wirelab.labs.model.DnsZoneSpec;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import io.wirelab.sim.SimTime;
import io.wirelab.wire.dns.DnsRecord;
import io.wirelab.wire.dns.DnsRecordType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Zones in lab files carry every record type of the issue: A, AAAA, CNAME, PTR, MX, NS, TXT (+ the SOA). */
class DnsZoneRecordsTest {
    static final String LAB = """
            nodes:
              dns1:
                kind: server
                ip: 10.0.0.53/24
                services:
                  dns:
                    zones:
                      lab.test:
                        "@": { ns: ns1, mx: [10 mail, 20 backup.example.] }
                        ns1: 10.0.0.53
                        www: { a: 10.0.0.80, aaaa: "2001:db8::80", txt: "v=demo" }
                        web: { cname: www }
                        mail: 10.0.0.25
                      0.0.10.in-addr.arpa:
                        "80": { ptr: www.lab.test. }
              pc1: { kind: pc, ip: 10.0.0.1/24, dns: 10.0.0.53 }
            links: [[dns1, pc1]]
            """;

    static LabSpec read(String yaml) throws LabFileException {
        return LabYamlReader.read("t.yaml", "t", yaml, n -> null);
    }

    DnsAnswer query(Lab lab, String name, DnsRecordType type) {
        var resolver = lab.runtime("pc1").resolver();
        return lab.await(resolver.query(name, type), SimTime.seconds(10));
    }

    @Test void everyRecordTypeIsRead_inFileOrder() throws Exception {
        DnsZoneSpec zone = read(LAB).node("dns1").services().dns().zones().getFirst();
        assertThat(zone.records()).extracting(r -> r.name() + "=" + r.address()).containsExactly("ns1=10.0.0.53", "www=10.0.0.80", "mail=10.0.0.25");
        assertThat(zone.others()).extracting(r -> r.name() + " " + r.type() + " " + r.value()).containsExactly(
                "@ NS ns1", "@ MX 10 mail", "@ MX 20 backup.example.", "www AAAA 2001:db8::80", "www TXT v=demo", "web CNAME www");
    }

    @Test void theServerAnswersEachType() throws Exception {
        try (Lab lab = LabBuilder.build(read(LAB), LabBuilder.Options.withoutCaptures())) {
            assertThat(query(lab, "www.lab.test", DnsRecordType.AAAA).records()).singleElement()
                    .extracting(DnsRecord::type).isEqualTo(DnsRecordType.AAAA);
            assertThat(query(lab, "lab.test", DnsRecordType.MX).records()).hasSize(2);
            assertThat(query(lab, "lab.test", DnsRecordType.NS).records()).hasSize(1);
            assertThat(query(lab, "www.lab.test", DnsRecordType.TXT).records()).hasSize(1);
            // RFC 1034 §3.6.2: the CNAME, then its target's A record from the same zone
            assertThat(query(lab, "web.lab.test", DnsRecordType.A).records()).extracting(DnsRecord::type)
                    .containsExactly(DnsRecordType.CNAME, DnsRecordType.A);
            assertThat(query(lab, "80.0.0.10.in-addr.arpa", DnsRecordType.PTR).records()).singleElement()
                    .extracting(r -> r.data().toString()).asString().contains("www.lab.test");
        }
    }

    @Test void badValues_areReportedWithTheirLocation() {
        assertThatThrownBy(() -> read("""
                nodes:
                  dns1:
                    kind: server
                    ip: 10.0.0.53/24
                    services:
                      dns: { zones: { lab.test: { www: { aaaa: 10.0.0.1, mx: mail, cnam: x } } } }
                """)).isInstanceOfSatisfying(LabFileException.class, e -> assertThat(e.problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("t.yaml:6:").contains("'10.0.0.1' is not an IPv6 address"))
                .anySatisfy(p -> assertThat(p).contains("'mail' is not 'preference host'"))
                .anySatisfy(p -> assertThat(p).contains("cnam").contains("did you mean 'cname'")));
    }
}
