package io.wirelab.console;

import io.wirelab.labs.units.Units;
import io.wirelab.scripting.DataRate;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.VirtualDuration;
import io.wirelab.scripting.engine.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's commands that drive the running lab: :ip, :link, :pingall, :run. */
final class LabCommands {
    /** The argument of :run (and :until): a number and a unit, 5.s, 200ms, 2.5 s. */
    static final Pattern RUN_ARG = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*\\.?\\s*([A-Za-zµ]+)");

    private final Console console;
    private final SimMode sim;

    LabCommands(Console console, SimMode sim) {
        this.console = console;
        this.sim = sim;
    }

    /** A duration the way :run and :until take it: 5.s, 200ms, 2.5 s; null if it is not one. */
    static VirtualDuration duration(String arg) {
        Matcher m = RUN_ARG.matcher(arg);
        if (!m.matches()) return null;
        try {
            return VirtualDuration.parse(m.group(1) + m.group(2));
        } catch (RuntimeException e) {
            return null;
        }
    }

    void ip(String device) {
        LabFacade facade = console.facade();
        if (device.isEmpty()) {
            console.error("usage: :ip DEVICE, e.g. :ip " + facade.getDevices().keySet().iterator().next());
            return;
        }
        try {
            console.out().println(LabViews.ip(facade, device));
        } catch (RuntimeException e) {
            console.error(e.getMessage());
        }
    }

    /** Each host pings each other host once, quietly; prints who reached whom, then the share dropped. */
    void pingAll() {
        List<HostFacade> hosts = new ArrayList<>();
        for (DeviceFacade d : console.facade().getDevices().values()) if (d instanceof HostFacade h && h.getIp() != null) hosts.add(h);
        if (hosts.size() < 2) {
            console.out().println("fewer than two hosts with an address: nothing to ping");
            return;
        }
        int[] sent = {0}, received = {0};
        console.out().println("*** Ping: testing ping reachability");
        Outcome outcome = console.engine().call(() -> {
            for (HostFacade from : hosts) {
                StringBuilder line = new StringBuilder(from.getName() + " ->");
                for (HostFacade to : hosts) {
                    if (to == from) continue;
                    boolean ok = from.ping(Map.of("count", 1, "quiet", true), to.getIp()).received() > 0;
                    sent[0]++;
                    if (ok) received[0]++;
                    line.append(' ').append(ok ? to.getName() : "X");
                }
                console.out().println(line);
            }
            return null;
        });
        if (!(outcome instanceof Outcome.Completed)) {
            console.report(outcome);
            return;
        }
        console.out().println("*** Results: " + (sent[0] - received[0]) * 100 / sent[0] + "% dropped (" + received[0] + "/" + sent[0] + " received)");
    }

    /** :link END down | up | (loss 5% | delay 20ms | jitter 1ms | bandwidth 10Mbps)... */
    void link(String[] words) {
        try {
            if (words.length < 3) throw new IllegalArgumentException(":link needs an end and a change, e.g. :link pc1:eth0 down");
            var link = console.facade().link(words[1]);
            if (words.length == 3 && words[2].equals("down")) link.down();
            else if (words.length == 3 && words[2].equals("up")) link.up();
            else {
                if (words.length % 2 != 0) throw new IllegalArgumentException(":link " + words[1] + ": give settings in pairs, e.g. loss 5% delay 20ms");
                Map<String, Object> settings = new LinkedHashMap<>();
                for (int i = 2; i < words.length; i += 2) {
                    String key = words[i], value = words[i + 1];
                    settings.put(key, switch (key) {
                        case "delay", "jitter" -> VirtualDuration.parse(value);
                        case "bandwidth" -> new DataRate(Units.parseRate(value));
                        default -> value;
                    });
                }
                link.set(settings);
            }
        } catch (RuntimeException e) {
            console.error(e.getMessage());
        }
    }

    void run(String arg) {
        if (arg.isEmpty() && sim.isOn()) {
            sim.runToEnd();
            return;
        }
        Matcher m = RUN_ARG.matcher(arg);
        if (!m.matches()) {
            console.error(":run needs a duration with a unit, e.g. :run 5.s or :run 200.ms");
            return;
        }
        VirtualDuration d;
        try {
            d = VirtualDuration.parse(m.group(1) + m.group(2));
        } catch (RuntimeException e) {
            console.error(":run " + arg + ": " + e.getMessage());
            return;
        }
        Outcome outcome = console.engine().call(() -> console.facade().run(d));
        if (outcome instanceof Outcome.Completed) console.out().println("lab time " + console.now());
        else console.report(outcome);
    }
}
