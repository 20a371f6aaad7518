package io.wirelab.console;

import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code :command} of the console: its name and aliases, one line of help, what it does with the
 * rest of the line, and whether {@code :back}'s replay must run it again (it changes the lab or the
 * session) or may skip it (it only shows something).
 */
public record Command(String name, List<String> aliases, String help, Replay replay, Consumer<String> action) {
    public enum Replay {
        /** Changes the lab or the variables: replayed, at the lab time it was typed. */
        REPLAYED,
        /** Only shows something, or moves through events (replay reaches the same events by itself). */
        SKIPPED
    }

    public Command {
        aliases = List.copyOf(aliases);
    }

    public boolean answers(String word) { return name.equals(word) || aliases.contains(word); }
}
