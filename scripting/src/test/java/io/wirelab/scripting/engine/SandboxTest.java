package io.wirelab.scripting.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.engine.GroovyEngine.Mode;
import io.wirelab.scripting.engine.GroovyEngine.Trust;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox: what it refuses at compile time (with a position), what only the run-time guard sees, what it allows. */
class SandboxTest {
    @TempDir Path tmp;
    private final StringWriter printed = new StringWriter();
    private Lab lab;

    @AfterEach void closeLab() {
        if (lab != null) lab.close();
    }

    private GroovyEngine engine() throws Exception {
        lab = LabBuilder.build(BuiltinLabs.builtin("ping-basics"), LabBuilder.Options.withoutCaptures());
        GroovyEngine engine = new GroovyEngine(Mode.SCRIPT);
        engine.attach(lab, new PrintWriter(printed, true));
        return engine;
    }

    /** Each on line 2, after a harmless first line, so the reported line is checked too. */
    @ParameterizedTest
    @ValueSource(strings = {
            "new File('/etc/shadow').text",
            "'id'.execute()",
            "['sh', '-c', 'id'].execute()",
            "System.getenv('HOME')",
            "java.lang.System.exit(3)",
            "def c = System; c.exit(3)",
            "Runtime.getRuntime().halt(7)",
            "Thread.start { }",
            "class T extends Thread {}",
            "new Socket('127.0.0.1', 22)",
            "Class.forName('java.lang.Runtime')",
            "String.forName('java.lang.Runtime')",
            "this.class.classLoader",
            "getClass()",
            "pc1.metaClass.ping = { 'x' }",
            "String.metaClass.toUpperCase = { -> 'x' }",
            "evaluate('1 + 1')",
            "new GroovyShell().evaluate('1')",
            "Eval.me('1')",
            "binding.variables",
            "'/etc/shadow' as File",
            "File f = null",
            "def f(File f) { }",
            "'x'.&execute",
            "pc1.@host",
            "def n = 'exe' + 'cute'; 'id'.\"$n\"()",
            "pc1.\"${'ping'}\"",
            "[1].each { it.execute() }",
            "'http://example.com'.toURL().text",
            "new Object() { }",
            "import static java.lang.System.exit\nexit(3)",
            "@groovy.transform.ASTTest(value = { assert false }) def x = 1",
            "@Grab('org.example:x:1.0') import java.util.List",
            "@groovy.transform.CompileDynamic def f() { }",
            "def f(@groovy.transform.ASTTest(value = { assert false }) x) { }",
            "[1].each { @groovy.transform.ASTTest(value = { assert false }) y -> }",
            "for (@groovy.transform.ASTTest(value = { assert false }) z in [1]) { }",
            "try { } catch (Throwable t) { }",
            "pc1.properties",
            "def getProperty(String n) { }",
            "sleep 1000 ; 'x'.sleep(10)",
            "synchronized (this) { wait() }",
            "Math.random()",
            "Integer.getInteger('x')",
            "String.methods",
            "java.nio.file.Path.of('/etc/shadow')",
    })
    void refusedAtCompileTime_withLineAndColumn(String attack) {
        List<CompileProblem> problems = GroovyEngine.check("println 'first'\n" + attack);
        assertThat(problems).as(attack).isNotEmpty();
        assertThat(problems.getFirst().message()).as(attack).startsWith("not allowed in lab scripts: ").contains("--trust");
        assertThat(problems.getFirst().line()).as(attack).isGreaterThanOrEqualTo(2);
        assertThat(problems.getFirst().column()).as(attack).isPositive();
    }

    @Test void validateNeverRunsCode_evenAnnotationsThatRunAtCompileTime() throws Exception {
        Path marker = tmp.resolve("ran");
        String write = "new File('" + marker + "').text = 'x'";
        GroovyEngine.check("@groovy.transform.ASTTest(value = { " + write + " })\ndef x = 1");
        GroovyEngine.check("@groovy.transform.ASTTest(value = { " + write + " })\ndef x = 1", Trust.TRUSTED);
        GroovyEngine.check("static { " + write + " }\nprintln 1", Trust.TRUSTED);
        GroovyEngine.check(write, Trust.TRUSTED);
        assertThat(marker).doesNotExist();
    }

    @Test void whatStaticCheckingCannotSee_isRefusedAtRunTime_atItsPosition() throws Exception {
        GroovyEngine e = engine();
        // chars() gives a java.util.stream.IntStream, a type the script never names
        Outcome o = e.evaluate("def s = 'abc'\ndef st = s.chars()\n  st.sum()", "lab.groovy");
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        CompileProblem p = ((Outcome.Refused) o).problem();
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.column()).isEqualTo(3);
        assertThat(p.message()).startsWith("not allowed in lab scripts: ").contains("java.util.stream.").contains(".sum");
        Outcome sub = e.evaluate("def d = pc1\nd['metaClass']", "lab.groovy");
        assertThat(sub).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) sub).problem().line()).isEqualTo(2);
    }

    @Test void aRefusal_cannotBeCaughtByTheScript() throws Exception {
        Outcome o = engine().evaluate("try { 'abc'.chars().sum() } catch (e) { println 'caught' }", "lab.groovy");
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        assertThat(printed.toString()).doesNotContain("caught");
    }

    @Test void theDslAndTheVettedJdk_stillWork() throws Exception {
        GroovyEngine e = engine();
        Outcome o = e.evaluate("""
                def r = pc1.ping('pc2', count: 2, quiet: true)
                assert r.received == 2 && r.rttMin > 1.ms
                assert String.format('%.1f', 2.25d) == '2.3' && Math.max(3, 4) == 4 && Integer.MAX_VALUE > 0
                assert [3, 1, 2].sort() == [1, 2, 3] && (1..3).collect { it * 2 } == [2, 4, 6]
                assert 'a,b'.split(',') as List == ['a', 'b'] && "x${1}".toString() == 'x1'
                assert [pc1, pc2]*.ip == ['10.0.0.1', '10.0.0.2'] && lab.devices.keySet() as List == ['pc1', 'pc2', 'sw1']
                def twice(n) { n * 2 }
                def m = [a: 1]; m.b = 2; m['c'] = twice(3)
                assert m == [a: 1, b: 2, c: 6] && new ArrayList([1]) == [1] && new StringBuilder('a').append('b').toString() == 'ab'
                def msg = null
                try { throw new IllegalStateException('boom') } catch (IllegalStateException x) { msg = x.message }
                assert msg == 'boom' && List.of(1, 2).size() == 2 && 1.5.s + 500.ms == 2.s && 64.KiB.bytes == 65536
                assert [1, 2, 3].inject(0) { a, b -> a + b } == 6 && ('abc' =~ /b/).find() && 'abc'.toUpperCase() == 'ABC'
                def f = pc1.&ping
                assert f('pc2', count: 1, quiet: true).allReceived()
                println "done at ${lab.now}"
                """, "lab.groovy");
        assertThat(o).isInstanceOf(Outcome.Completed.class);
        assertThat(printed.toString()).contains("done at");
    }

    /** They also run sandboxed, end to end, in the golden and end-to-end tests; this names the one that fails. */
    @Test void everyBuiltinLabScript_passesTheSandboxCheck() throws Exception {
        for (String name : BuiltinLabs.names()) {
            var script = BuiltinLabs.builtin(name).script();
            if (script != null) assertThat(GroovyEngine.check(script.code())).as(name).isEmpty();
        }
    }

    @Test void trusted_liftsTheSandbox() throws Exception {
        Path f = tmp.resolve("mine.txt");
        Files.writeString(f, "hello");
        Outcome o = engine().evaluate("new File('" + f + "').text", "mine.groovy", Trust.TRUSTED);
        assertThat(o).isEqualTo(new Outcome.Completed("hello"));
    }
}
