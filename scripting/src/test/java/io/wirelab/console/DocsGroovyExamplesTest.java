package io.wirelab.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.scripting.BrowserFacade;
import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.HttpFacade;
import io.wirelab.scripting.HttpResult;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.LabScript;
import io.wirelab.scripting.PageLoadResult;
import io.wirelab.scripting.RouterFacade;
import io.wirelab.scripting.engine.ScriptRunner;
import io.wirelab.scripting.engine.ScriptSource;
import io.wirelab.scripting.SwitchFacade;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docs cannot rot: every ```groovy block in docs/ runs as a lab script (on ping-basics, or the lab a
 * first line "// lab: NAME" names) and must succeed; every ```console transcript is replayed through
 * the piped console and must print exactly what the doc shows; docs/dsl.md names every public DSL
 * method and property of the facades.
 */
class DocsGroovyExamplesTest {
    private static final Pattern LAB_LINE = Pattern.compile("^// lab: ([A-Za-z0-9._-]+)\\n");
    private static final Pattern PROMPT = Pattern.compile("^([A-Za-z0-9._-]+)> (.*)$");

    @TempDir Path dir;

    private static Lab start(String name) throws Exception {
        return LabBuilder.build(BuiltinLabs.builtin(name), LabBuilder.Options.withoutCaptures());
    }

    @Test void everyGroovyBlock_runsWithoutError() throws Exception {
        List<DocFiles.Block> blocks = DocFiles.blocks("groovy");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        for (DocFiles.Block b : blocks) {
            Matcher m = LAB_LINE.matcher(b.code());
            String labName = m.find() ? m.group(1) : "ping-basics";
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            try (Lab lab = start(labName)) {
                int rc = new ScriptRunner(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                        .run(lab, new ScriptSource(b.code(), b.file().getFileName().toString(), b.line(), 0));
                assertThat(err.toString(StandardCharsets.UTF_8)).as(b.toString()).isEmpty();
                assertThat(rc).as(b.toString()).isZero();
            }
        }
    }

    @Test void everyConsoleTranscript_printsWhatTheDocShows() throws Exception {
        List<DocFiles.Block> blocks = DocFiles.blocks("console");
        assertThat(blocks).isNotEmpty();
        for (DocFiles.Block b : blocks) {
            StringBuilder input = new StringBuilder(), expected = new StringBuilder();
            String labName = null;
            for (String line : b.code().lines().toList()) {
                Matcher m = PROMPT.matcher(line);
                if (m.matches() && (labName == null || labName.equals(m.group(1)))) {
                    labName = m.group(1);
                    input.append(m.group(2)).append('\n');
                } else {
                    expected.append(line).append('\n');
                }
            }
            assertThat(labName).as(b.toString()).isNotNull();
            String name = labName;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintWriter w = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
            Console console = new Console(() -> {
                try {
                    return start(name);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, dir, w);
            ConsoleRepl.piped(console, new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), w);
            String actual = bytes.toString(StandardCharsets.UTF_8);
            int captures = actual.indexOf("captures:\n");
            if (captures >= 0) actual = actual.substring(0, captures);
            assertThat(actual).as(b.toString()).isEqualTo(expected.toString());
        }
    }

    @Test void dslReference_namesEveryPublicMember() throws Exception {
        String dsl = Files.readString(DocFiles.docs().resolve("dsl.md"));
        List<String> missing = new ArrayList<>();
        for (Class<?> type : List.of(LabScript.class, LabFacade.class, DeviceFacade.class, HostFacade.class, SwitchFacade.class, RouterFacade.class,
                HttpFacade.class, BrowserFacade.class, HttpResult.class, PageLoadResult.class)) {
            List<String> members = new ArrayList<>(DslMembers.methods(type));
            members.addAll(DslMembers.properties(type));
            for (String m : members) {
                if (List.of("run", "binding", "device", "lab").contains(m) && type != LabScript.class && type != LabFacade.class) continue;
                if (!dsl.contains("`" + m) && !dsl.contains("." + m)) missing.add(type.getSimpleName() + "." + m);
            }
        }
        assertThat(missing).as("DSL members not mentioned in docs/dsl.md").isEmpty();
    }
}
