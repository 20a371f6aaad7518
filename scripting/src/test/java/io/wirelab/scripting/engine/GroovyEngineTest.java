package io.wirelab.scripting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.GroovyEngine.Mode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroovyEngineTest {
    private final StringWriter printed = new StringWriter();
    private Lab lab;

    @AfterEach void closeLab() {
        if (lab != null) lab.close();
    }

    private GroovyEngine engine(Mode mode) throws Exception {
        lab = LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.withoutCaptures());
        GroovyEngine engine = new GroovyEngine(mode);
        engine.attach(lab, new PrintWriter(printed, true));
        return engine;
    }

    private static Object value(Outcome o) {
        assertThat(o).isInstanceOf(Outcome.Completed.class);
        return ((Outcome.Completed) o).value();
    }

    @Test void script_preparedBeforeTheLab_runsWithoutCompilingAgain_andOnlyForTheSameCode(@org.junit.jupiter.api.io.TempDir java.nio.file.Path cache) throws Exception {
        String before = System.getProperty("wirelab.script.cache");
        System.setProperty("wirelab.script.cache", cache.toString());
        try {
            GroovyEngine e = engine(Mode.SCRIPT);
            e.prepare("6 * 7", "a.groovy", GroovyEngine.Trust.SANDBOXED);
            try (var entries = java.nio.file.Files.list(cache)) { for (var f : entries.toList()) java.nio.file.Files.delete(f); }
            assertThat(value(e.evaluate("6 * 7", "a.groovy"))).isEqualTo(42);
            try (var entries = java.nio.file.Files.list(cache)) { assertThat(entries.toList()).as("nothing compiled and stored again").isEmpty(); }

            e.prepare("6 * 7", "a.groovy", GroovyEngine.Trust.SANDBOXED);
            assertThat(value(e.evaluate("6 * 8", "a.groovy"))).as("other code is compiled as always").isEqualTo(48);
            e.prepare("6 *", "a.groovy", GroovyEngine.Trust.SANDBOXED);
            assertThat(e.evaluate("6 *", "a.groovy")).as("a compile error is reported by evaluate").isInstanceOf(Outcome.CompileFailed.class);
        } finally {
            if (before == null) System.clearProperty("wirelab.script.cache");
            else System.setProperty("wirelab.script.cache", before);
        }
    }

    @Test void console_defVariable_survivesIntoTheNextInput() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        assertThat(value(e.evaluate("def x = 1", "input"))).isEqualTo(1);
        assertThat(value(e.evaluate("x + 1", "input"))).isEqualTo(2);
    }

    @Test void console_typedVariables_surviveWithTheirConversion() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        value(e.evaluate("int y = 2\nString s = 5\nlong n\ndef (a, b) = [3, 4]", "input"));
        assertThat(value(e.evaluate("y", "input"))).isEqualTo(2);
        assertThat(value(e.evaluate("s", "input"))).isEqualTo("5");
        assertThat(value(e.evaluate("n", "input"))).isEqualTo(0L);
        assertThat(value(e.evaluate("[a, b]", "input"))).isEqualTo(List.of(3, 4));
    }

    @Test void console_method_isCallableFromLaterInputs_andSeesDevices() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        e.evaluate("def f(a) { a * 2 }", "input");
        assertThat(value(e.evaluate("f(3)", "input"))).isEqualTo(6);
        e.evaluate("def g() { f(pc1.ip.size()) }", "input");
        assertThat(value(e.evaluate("g()", "input"))).isEqualTo(16);   // '10.0.0.1' has 8 characters
        e.evaluate("def f(a) { a * 10 }", "input");
        assertThat(value(e.evaluate("f(3)", "input"))).isEqualTo(30);
        Set<?> names = e.binding().getVariables().keySet();
        assertThat(names).as("generated methods are not kept").allMatch(n -> !n.toString().contains("$"));
    }

    @Test void console_methodNamedLikeADevice_doesNotShadowIt() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        e.evaluate("def pc1() { 'method' }", "input");
        assertThat(value(e.evaluate("pc1.ip", "input"))).isEqualTo("10.0.0.1");
    }

    @Test void console_declarationsInBlocks_stayLocal() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        value(e.evaluate("if (true) {\n  def inner = 1\n}\n[1].each { def z = it }", "input"));
        assertThat(e.binding().hasVariable("inner")).isFalse();
        assertThat(e.binding().hasVariable("z")).isFalse();
    }

    @Test void script_keepsPlainGroovyScoping() throws Exception {
        GroovyEngine e = engine(Mode.SCRIPT);
        value(e.evaluate("def x = 1\ndef f(a) { a }", "script.groovy"));
        assertThat(e.binding().hasVariable("x")).isFalse();
        assertThat(e.evaluate("f(1)", "script.groovy")).isInstanceOf(Outcome.Failed.class);
    }

    @Test void compileError_givesLineColumnAndMessage_andRunsNothing() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        Outcome o = e.evaluate("println 'ran'\n1 +* 2", "input");
        assertThat(o).isInstanceOf(Outcome.CompileFailed.class);
        CompileProblem p = ((Outcome.CompileFailed) o).problems().getFirst();
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(3);   // Groovy points at the "+" it could not complete
        assertThat(p.message()).startsWith("Unexpected input: ");
        assertThat(printed.toString()).isEmpty();
    }

    @Test void check_reportsProblemsWithoutRunning() {
        assertThat(GroovyEngine.check("println 'ran'")).isEmpty();
        List<CompileProblem> problems = GroovyEngine.check("def y = (1 +\n");
        assertThat(problems).isNotEmpty();
        assertThat(problems.getFirst().hasPosition()).isTrue();
    }

    @Test void failure_isDescribedWithTheScriptLine() throws Exception {
        GroovyEngine e = engine(Mode.SCRIPT);
        Outcome o = e.evaluate("println 'a'\npc1.pnig('10.0.0.2')", "script.groovy");
        assertThat(o).isEqualTo(new Outcome.Failed("a host has no method pnig(String); did you mean 'ping'?", 2));
        assertThat(printed.toString()).isEqualTo("a\n");
    }

    @Test void stopRequest_duringAnEvaluation_isAnInterruption_andDoesNotLeakIntoTheNext() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        e.binding().setVariable("stopLab", (Runnable) () -> lab.simulator().requestStop());
        assertThat(e.evaluate("lab.run(1.s)\nstopLab.run()\nlab.run(5.s)", "input", GroovyEngine.Trust.TRUSTED))
                .isEqualTo(new Outcome.Interrupted(3));
        assertThat(value(e.call(() -> e.facade().run(io.wirelab.scripting.VirtualDuration.parse("1s"))))).isSameAs(e.facade());
    }

    @Test void interrupt_stopsAGroovyLoop_andTheNextEvaluationRuns() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        Thread ctrlC = Thread.ofPlatform().start(() -> {
            while (!e.isEvaluating()) Thread.onSpinWait();
            e.interrupt();
        });
        assertThat(e.evaluate("def n = 0\nwhile (true) { n++ }", "input")).isInstanceOf(Outcome.Interrupted.class);
        ctrlC.join();
        assertThat(value(e.evaluate("(1..3).collect { it * 2 }", "input"))).isEqualTo(List.of(2, 4, 6));
    }

    @Test void interrupt_betweenEvaluations_isIgnored() throws Exception {
        GroovyEngine e = engine(Mode.CONSOLE);
        e.interrupt();
        assertThat(e.isEvaluating()).isFalse();
        assertThat(value(e.evaluate("lab.run(1.s); lab.now.toString()", "input"))).isEqualTo("1 s");
    }

    @Test void scriptLine_usesOnlyFramesOfTheScriptFile() {
        Throwable t = new IllegalStateException("x");
        t.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("io.wirelab.X", "m", "X.java", 10),
                new StackTraceElement("wirelab_a_1", "run", "wirelab_a_1.groovy", 7)});
        assertThat(GroovyEngine.scriptLine(t, "wirelab_a_1.groovy")).isEqualTo(7);
        assertThat(GroovyEngine.scriptLine(t, "other.groovy")).isEqualTo(-1);
    }
}
