package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emitted sbatch array runs on a real single-node Slurm (Debian's slurm-wlm and munge), started
 * by the test as root in a temporary folder (its own munge key and socket, its own slurm.conf and
 * ports) and torn down after: 6 items in 3 shards, one array task each; collect finds every index,
 * and a shard run again elsewhere gives the same result hashes. Skipped without root or without the
 * binaries, unless WIRELAB_REQUIRE_TOOLS=1.
 */
class SweepSlurmTest {
    private static final List<String> BINARIES = List.of("munged", "slurmctld", "slurmd", "sbatch", "sinfo");

    @TempDir Path dir;
    private final List<Process> daemons = new ArrayList<>();

    static Path find(String tool) {
        for (String d : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) if (Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool);
        for (String d : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return Path.of(d, tool);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Path slurm() { return dir.resolve("slurm"); }

    private Process daemon(String name, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(slurm().resolve(name + ".out").toFile()).start();
        daemons.add(p);
        return p;
    }

    private String log(String name) {
        try {
            return Files.readString(slurm().resolve(name + ".out"));
        } catch (IOException e) {
            return "(no " + name + ".out)";
        }
    }

    /** A client command against this cluster's slurm.conf: its exit code and output. */
    private CliRun command(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SLURM_CONF", slurm().resolve("slurm.conf").toString());
        pb.environment().put("WIRELAB", SweepEmitTest.wirelab(dir).toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new CliRun(p.exitValue(), out, "");
    }

    /** As command(), asserting the command exits 0; its output. */
    private String client(String... command) throws Exception {
        CliRun r = command(command);
        assertThat(r.exitCode()).as(String.join(" ", command) + ":\n" + r.out() + "\nslurmctld:\n" + log("slurmctld") + "\nslurmd:\n" + log("slurmd")).isZero();
        return r.out();
    }

    /** munged, slurmctld and slurmd in the foreground, all files in dir/slurm; returns once the node is idle. */
    private void startCluster() throws Exception {
        Path s = Files.createDirectories(slurm());
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx--x--x"));   // munged: the socket's folder is not writable by others
        byte[] key = new byte[1024];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(s.resolve("munge.key"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("r--------"));
        Files.createDirectories(s.resolve("state"));
        Files.createDirectories(s.resolve("spool"));
        Path socket = s.resolve("munge.socket");
        Map<String, String> conf = new java.util.LinkedHashMap<>();
        conf.put("ClusterName", "wirelabtest");
        conf.put("SlurmctldHost", "localhost(127.0.0.1)");
        conf.put("SlurmctldPort", Integer.toString(freePort()));
        conf.put("SlurmdPort", Integer.toString(freePort()));
        conf.put("SlurmUser", "root");
        conf.put("SlurmdUser", "root");
        conf.put("AuthType", "auth/munge");
        conf.put("AuthInfo", "socket=" + socket);
        conf.put("CredType", "cred/munge");
        conf.put("StateSaveLocation", s.resolve("state").toString());
        conf.put("SlurmdSpoolDir", s.resolve("spool").toString());
        conf.put("SlurmctldPidFile", s.resolve("slurmctld.pid").toString());
        conf.put("SlurmdPidFile", s.resolve("slurmd.pid").toString());
        conf.put("SlurmctldLogFile", s.resolve("slurmctld.log").toString());
        conf.put("SlurmdLogFile", s.resolve("slurmd.log").toString());
        conf.put("ProctrackType", "proctrack/linuxproc");
        conf.put("TaskPlugin", "task/none");
        conf.put("SelectType", "select/cons_tres");
        conf.put("SelectTypeParameters", "CR_CPU");
        conf.put("MpiDefault", "none");
        conf.put("SwitchType", "switch/none");
        conf.put("JobAcctGatherType", "jobacct_gather/none");
        conf.put("AccountingStorageType", "accounting_storage/none");
        conf.put("JobCompType", "jobcomp/none");
        conf.put("ReturnToService", "2");
        StringBuilder text = new StringBuilder("# a single-node Slurm for SweepSlurmTest, torn down after the test\n");
        conf.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        text.append("NodeName=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN\n");
        text.append("PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n");
        Path slurmConf = Files.writeString(s.resolve("slurm.conf"), text);

        daemon("munged", find("munged").toString(), "--foreground", "--force", "--key-file=" + keyFile, "--socket=" + socket,
                "--pid-file=" + s.resolve("munged.pid"), "--log-file=" + s.resolve("munged.log"), "--seed-file=" + s.resolve("munged.seed"));
        daemon("slurmctld", find("slurmctld").toString(), "-D", "-c", "-f", slurmConf.toString());
        daemon("slurmd", find("slurmd").toString(), "-D", "-f", slurmConf.toString(), "-N", "localhost");
        // sbatch needs the controller up, and the job starts once the node has registered: sinfo shows both
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (CliRun state = command(find("sinfo").toString(), "-h", "-N", "-o", "%T"); !(state.exitCode() == 0 && state.out().strip().equals("idle"));
             state = command(find("sinfo").toString(), "-h", "-N", "-o", "%T")) {
            assertThat(System.nanoTime()).as("the node registers within 60 s: sinfo says " + state.out() + "\nslurmctld:\n" + log("slurmctld") + "\nslurmd:\n" + log("slurmd"))
                    .isLessThan(deadline);
            for (Process d : daemons) assertThat(d.isAlive()).as(d.info().command().orElse("a daemon") + " runs\n" + log("slurmctld") + log("slurmd")).isTrue();
            TimeUnit.MILLISECONDS.sleep(200);   // the daemons' state is only seen by asking again
        }
    }

    @AfterEach void tearDown() throws Exception {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process d : daemons) {
            all.add(d.toHandle());
            all.addAll(d.toHandle().descendants().toList());
        }
        for (Process d : daemons.reversed()) {
            d.destroy();
            if (!d.waitFor(30, TimeUnit.SECONDS)) d.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : all) if (h.isAlive()) h.destroyForcibly();
        assertThat(all).as("no Slurm or munge process is left").allSatisfy(h -> assertThat(h.isAlive()).as("pid " + h.pid()).isFalse());
        String folder = dir.toString();
        assertThat(ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(folder)).map(h -> h.info().commandLine().orElse("")).toList())
                .as("no process runs with this test's files").isEmpty();
    }

    @Test void theEmittedSbatchArrayRunsOnASingleNodeSlurmAndCollectFindsEveryIndex() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> missing = BINARIES.stream().filter(b -> find(b) == null).toList();
        if (SweepEmitTest.requireTools()) {
            assertThat(missing).as("Slurm and munge (apt-get install slurm-wlm munge)").isEmpty();
            assertThat(root).as("the Slurm test starts slurmd and munged, which needs root").isTrue();
        }
        assumeTrue(missing.isEmpty(), "not installed: " + missing);
        assumeTrue(root, "the Slurm test needs root (slurmd and munged)");

        Files.writeString(dir.resolve("tiny.yaml"), GradeCommandTest.resource("/sweep/tiny.yaml"));
        Path sweep = Files.writeString(dir.resolve("six.yaml"), "name: six\nlab: tiny.yaml\nseeds: 3\nparameters:\n  link.loss: [0%, 10%]\n");
        Path plan = dir.resolve("plan"), results = dir.resolve("results");
        assertThat(CliRun.of("sweep", "plan", sweep.toString(), "--out", plan.toString()).exitCode()).isZero();
        CliRun emit = CliRun.of("sweep", "emit", plan.toString(), "--target", "slurm", "--shards", "3", "--heap", "128", "--out", results.toString());
        assertThat(emit.exitCode()).as(emit.err()).isZero();

        startCluster();
        String submitted = client(find("sbatch").toString(), "--wait", plan.resolve("run-slurm.sbatch").toString());   // returns when every task has ended
        assertThat(submitted).containsPattern("Submitted batch job \\d+");
        try (var outs = Files.list(results)) {
            List<Path> taskLogs = outs.filter(p -> p.getFileName().toString().startsWith("slurm-")).sorted().toList();
            assertThat(taskLogs).as("one output per array task").hasSize(3);
            for (Path log : taskLogs) assertThat(Files.readString(log)).containsPattern("shard [0-2]/3: 2 items, 2 run, 0 already done");
        }

        CliRun rerun = CliRun.of("sweep", "run", plan.toString(), "--shard", "1/3", "--out", dir.resolve("rerun").toString());
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        CliRun collect = CliRun.of("sweep", "collect", results.toString(), dir.resolve("rerun").toString(), "--plan", plan.toString());
        assertThat(collect.exitCode()).as(collect.out() + collect.err()).isZero();
        assertThat(collect.out()).contains("collected 6 of 6 results (0 failed runs, 2 re-run items compared)");
        assertThat(Files.readAllLines(results.resolve("results.csv"))).hasSize(7);
    }
}
