package io.wirelab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a real terminal: a tmux session driven with send-keys and read with capture-pane.
 * Tab completion, a ping's table, Ctrl-C stopping a long lab.run, history, :quit exiting 0; and the
 * same inputs piped give the same ping output.
 */
class ConsoleTmuxTest {
    private static final String EXITED = "wirelab-console-exited";

    @TempDir Path dir;
    private Path tmux;
    private String socket;

    @AfterEach void killServer() throws Exception {
        if (tmux != null) new ProcessBuilder(tmux.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor();
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private String screen() throws IOException, InterruptedException { return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "console"); }

    /** Polls the pane until it satisfies the condition (the console runs in another process). */
    private String awaitScreen(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen();
            if (condition.test(s)) return s;
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; screen:\n" + s);
    }

    @Test void terminalSession_completesPings_interrupts_quits() throws Exception {
        tmux = Tools.require("tmux");
        socket = "wirelab-test-" + ProcessHandle.current().pid();
        Path rc = dir.resolve("rc"), history = dir.resolve("history");
        String java = ConsoleSession.javaCommand("console", "ping-basics", "--out", dir.resolve("out").toString(), "--history", history.toString())
                .stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        // Ctrl-C signals the whole foreground group: the shell ignores it (so it survives to record the
        // exit code) and env gives the JVM the default disposition back.
        // the shell records the exit code, then signals the tmux channel the test waits on
        tmux("new-session", "-d", "-s", "console", "-x", "200", "-y", "50", "sh", "-c", "trap '' INT; " + java + "; echo $? > '" + rc
                + "'; '" + tmux + "' -L '" + socket + "' wait-for -S " + EXITED + "; sleep 60");
        awaitScreen("the prompt", s -> s.contains("ping-basics> "));

        tmux("send-keys", "-t", "console", "pc1.pi", "Tab");
        awaitScreen("pc1.ping completed", s -> s.contains("ping-basics> pc1.ping"));
        tmux("send-keys", "-t", "console", "-l", "('10.0.0.2', count: 3)");
        tmux("send-keys", "-t", "console", "Enter");
        String afterPing = awaitScreen("the ping table", s -> s.contains("DESTINATION") && s.contains("MDEV"));
        assertThat(afterPing).contains("3 packets transmitted, 3 received, 0% packet loss").containsPattern("REPLY\\s+RTT");

        // once the input prints its marker it is being evaluated: the terminal is cooked and one Ctrl-C stops the run
        tmux("send-keys", "-t", "console", "-l", ConsoleSession.MARKED_LONG_RUN);
        tmux("send-keys", "-t", "console", "Enter");
        awaitScreen("the long run to start", s -> s.contains(ConsoleSession.LONG_RUN_STARTED));
        tmux("send-keys", "-t", "console", "C-c");
        awaitScreen("the interrupt message", s -> s.contains("interrupted at lab time"));
        tmux("send-keys", "-t", "console", "-l", ":time");
        tmux("send-keys", "-t", "console", "Enter");
        awaitScreen(":time after the interrupt", s -> s.contains("events run"));

        tmux("send-keys", "-t", "console", "-l", ":quit");
        tmux("send-keys", "-t", "console", "Enter");
        Process exited = new ProcessBuilder(tmux.toString(), "-L", socket, "wait-for", EXITED).redirectErrorStream(true).start();
        assertThat(exited.waitFor(60, TimeUnit.SECONDS)).as("the console exited").isTrue();
        assertThat(Files.readString(rc).strip()).isEqualTo("0");
        assertThat(Files.readString(history)).contains("pc1.ping('10.0.0.2', count: 3)").contains(":quit");

        // the same ping piped prints the same statistics and table
        CliRun piped = ConsoleSession.inProcess("pc1.ping('10.0.0.2', count: 3)\n:quit\n",
                "ping-basics", "--out", dir.resolve("out2").toString());
        String pingText = ConsoleSession.section(piped.out(), "--- 10.0.0.2 ping statistics ---", 9);
        assertThat(pingText).contains("MDEV");
        assertThat(afterPing).contains(pingText);
    }

    /**
     * Simulation mode on a terminal: 20 :steps, :back 10, then the event list equals that of a piped
     * session stepped 10 times; :inspect decodes an event; a multi-line input recalled with Up is one
     * history entry and runs again as a whole.
     */
    @Test void terminalSession_simStepBackInspect_andMultiLineRecall() throws Exception {
        tmux = Tools.require("tmux");
        socket = "wirelab-sim-" + ProcessHandle.current().pid();
        String java = ConsoleSession.javaCommand("console", "ping-basics", "--out", dir.resolve("out").toString(), "--history", dir.resolve("history").toString())
                .stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        tmux("new-session", "-d", "-s", "console", "-x", "200", "-y", "50", "sh", "-c", java + "; '" + tmux + "' -L '" + socket
                + "' wait-for -S " + EXITED + "; sleep 60");
        awaitScreen("the prompt", s -> s.contains("ping-basics> "));
        type(":sim");
        awaitScreen("simulation mode", s -> s.contains("simulation mode at event 0"));
        type("pc1.ping('10.0.0.2', count: 5)");
        awaitScreen("the ping waiting", s -> s.contains("[input 1 waits for the lab"));
        for (int n = 1; n <= 20; n++) {
            type(":step");
            String row = "\n" + n + " ";
            awaitScreen("event " + n, s -> s.contains(row));
        }
        type(":back 10");
        awaitScreen("back at event 10", s -> s.contains("back at event 10, lab time"));
        type("println '## list'");
        type(":events all");
        String afterBack = awaitScreen("the event list", s -> {
            int marker = s.lastIndexOf("## list");
            int header = marker < 0 ? -1 : s.indexOf("#   TIME", marker);
            return header >= 0 && s.indexOf("ping-basics>", header) >= 0;
        });
        String listed = afterBack.substring(afterBack.indexOf("#   TIME", afterBack.lastIndexOf("## list")));
        listed = listed.substring(0, listed.indexOf("ping-basics>")).stripTrailing();

        CliRun fresh = ConsoleSession.inProcess(":sim\npc1.ping('10.0.0.2', count: 5)\n" + ":step\n".repeat(10) + ":events all\n:quit\n",
                "ping-basics", "--out", dir.resolve("fresh").toString());
        String freshList = fresh.out().substring(fresh.out().lastIndexOf("#   TIME"));
        freshList = freshList.substring(0, freshList.indexOf("captures:")).stripTrailing();
        assertThat(listed).isEqualTo(freshList).contains("\n10  ").doesNotContain("\n11  ");

        type(":inspect 5");
        awaitScreen("event 5 decoded", s -> s.contains("event 5 at 0.005036640 s: pc1:eth0 -> sw1:p1, ICMP") && s.contains("(echo request)"));
        type(":sim off");
        tmux("send-keys", "-t", "console", "-l", "if (true) {");
        tmux("send-keys", "-t", "console", "Enter");
        tmux("send-keys", "-t", "console", "-l", "println 'multi' + 'line'");
        tmux("send-keys", "-t", "console", "Enter");
        tmux("send-keys", "-t", "console", "-l", "}");
        tmux("send-keys", "-t", "console", "Enter");
        awaitScreen("the block's output", s -> s.contains("\nmultiline\n"));
        tmux("send-keys", "-t", "console", "Up");
        tmux("send-keys", "-t", "console", "Enter");
        String again = awaitScreen("the recalled block's output", s -> s.split("\nmultiline\n", -1).length == 3);
        assertThat(again).doesNotContain("error:");
        type(":quit");
        Process exited = new ProcessBuilder(tmux.toString(), "-L", socket, "wait-for", EXITED).redirectErrorStream(true).start();
        assertThat(exited.waitFor(60, TimeUnit.SECONDS)).as("the console exited").isTrue();
    }

    private void type(String line) throws Exception {
        tmux("send-keys", "-t", "console", "-l", line);
        tmux("send-keys", "-t", "console", "Enter");
    }
}
