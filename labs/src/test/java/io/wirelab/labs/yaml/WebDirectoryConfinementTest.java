package io.wirelab.labs.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12: a web server's directory: serves only files inside the lab file's folder; every escape is a problem at file:line:col. */
class WebDirectoryConfinementTest {
    @TempDir Path tmp;
    private Path labs;
    private Path outside;

    @BeforeEach void folders() throws Exception {
        labs = Files.createDirectories(tmp.resolve("labs"));
        outside = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(outside.resolve("key.txt"), "secret");
        Files.createDirectories(labs.resolve("site"));
        Files.writeString(labs.resolve("site/index.html"), "hello");
    }

    /** The lab with directory: on line 5, column 35. */
    private Path lab(String directory) throws Exception {
        return Files.writeString(labs.resolve("web.yaml"), """
                name: web
                nodes:
                  srv:
                    kind: server
                    services: { web: { directory: %s } }
                    ip: 10.0.0.2/24
                """.formatted(directory));
    }

    private List<String> problems(Path lab) {
        LabFileException e = catchThrowableOfType(LabFileException.class, () -> LabYamlReader.read(lab));
        assertThat(e).as("expected a problem").isNotNull();
        return e.problems().stream().map(LabProblem::toString).toList();
    }

    @Test void aFolderNextToTheLabFile_isServed() throws Exception {
        var web = LabYamlReader.read(lab("site")).node("srv").services().web();
        assertThat(web.directory()).isEqualTo(labs.resolve("site").toAbsolutePath().normalize());
    }

    @Test void dotDot_absolutePaths_andLinks_outsideTheFolder_areRefused() throws Exception {
        Files.createSymbolicLink(labs.resolve("linked"), outside);
        Files.createSymbolicLink(labs.resolve("site/key.txt"), outside.resolve("key.txt"));
        Path lab = lab("../secret");
        assertThat(problems(lab)).singleElement().asString()
                .startsWith(lab + ":5:35: web directory ../secret is outside the lab file's folder");
        assertThat(problems(lab("/etc"))).singleElement().asString().contains(":5:35: web directory /etc is outside the lab file's folder");
        assertThat(problems(lab("linked"))).singleElement().asString()
                .contains(":5:35: web directory linked is a link to " + outside.toRealPath() + ", outside the lab file's folder");
        assertThat(problems(lab("site"))).singleElement().asString()
                .contains(":5:35: web directory site holds site/key.txt, a link to outside the lab file's folder");
    }
}
