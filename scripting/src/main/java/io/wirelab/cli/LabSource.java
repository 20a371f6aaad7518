package io.wirelab.cli;

import io.wirelab.labs.build.LabBuilder;
import io.wirelab.labs.build.StandardServices;
import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.run.BuiltinLabs;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.yaml.DidYouMean;
import io.wirelab.labs.yaml.LabFileException;
import io.wirelab.labs.yaml.LabYamlReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the CLI gets labs: a YAML file path or a built-in name; and how it starts them. */
final class LabSource {
    private LabSource() {}

    /** Thrown when LAB|NAME is neither a file nor a built-in lab; the message lists the built-ins. */
    static final class UnknownLabException extends Exception {
        @java.io.Serial private static final long serialVersionUID = 1L;
        UnknownLabException(String message) { super(message); }
    }

    static LabSpec load(String labOrName) throws LabFileException, UnknownLabException {
        Path p = Path.of(labOrName);
        boolean looksLikeFile = labOrName.endsWith(".yaml") || labOrName.endsWith(".yml") || labOrName.contains("/");
        if (Files.isRegularFile(p) || looksLikeFile) return LabYamlReader.read(p);
        List<String> names = BuiltinLabs.names();
        if (names.contains(labOrName)) return BuiltinLabs.builtin(labOrName);
        String s = DidYouMean.suggest(labOrName, names);
        throw new UnknownLabException("unknown lab '" + labOrName + "': not a lab file and not a built-in lab"
                + (s != null ? "; did you mean '" + s + "'?" : "") + "\nbuilt-in labs: " + String.join(", ", names));
    }

    /** Loads a lab file or built-in; on failure prints every problem to err and returns null (exit 2). */
    static LabSpec loadOrReport(String labOrName, Io io) {
        try {
            return load(labOrName);
        } catch (LabFileException e) {
            e.problems().forEach(io.err()::println);
        } catch (UnknownLabException e) {
            io.err().println("wirelab: " + e.getMessage());
        }
        return null;
    }

    static List<BuiltinLabs.Entry> builtins() { return BuiltinLabs.list(); }

    /** Builds and starts the lab (seed already applied to spec), captures going to outDir. */
    static Lab start(LabSpec spec, Path outDir) { return start(spec, outDir, false); }

    /** realTime: virtual time follows the wall clock from the start (run --realtime), certificates included. */
    static Lab start(LabSpec spec, Path outDir, boolean realTime) {
        return new LabBuilder(new StandardServices()).realTime(realTime).buildLab(spec, LabBuilder.Options.to(outDir));
    }
}
