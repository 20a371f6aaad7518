package io.wirelab.cli;

import io.wirelab.labs.run.BuiltinLabs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code wirelab labs}: the built-in labs, one line each. */
@Command(name = "labs", description = "List the built-in labs, one line each.", mixinStandardHelpOptions = true)
final class LabsCommand implements Callable<Integer> {
    private final Io io;

    LabsCommand(Io io) { this.io = io; }

    @Override public Integer call() {
        List<BuiltinLabs.Entry> labs = LabSource.builtins();
        int width = labs.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (BuiltinLabs.Entry e : labs) {
            String description = e.description().lines().findFirst().orElse("").strip();
            io.out().println(String.format("%-" + width + "s  %s", e.name(), description).stripTrailing());
        }
        return Main.OK;
    }
}
