package io.wirelab.cli;

import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli models built in code (picocli's programmatic API) for the path of {@code wirelab run}: picocli reads
 * annotations through the JDK's annotation proxies, a class generated per annotation type in every JVM (an AOT
 * cache holds none), which took more of run's start than the rest of picocli (docs/performance.md, "Start-up,
 * fifth pass"). Options built here read and write a command's fields as annotated ones do.
 */
final class CodedSpec {
    private CodedSpec() {}

    /** spec with -h/--help and -V/--version, as picocli's mixinStandardHelpOptions gives a command. */
    static CommandSpec withStandardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }

    /** builder, with the field's value now as its initial value, read by get, and the parsed value handed to set. */
    static OptionSpec.Builder bound(OptionSpec.Builder builder, Supplier<?> get, Consumer<Object> set) {
        FieldAccess access = new FieldAccess(get, set);
        return builder.getter(access).setter(access).initialValue(get.get());
    }

    /** builder, with the field's value now as its initial value, read by get, and the parsed value handed to set. */
    static PositionalParamSpec.Builder bound(PositionalParamSpec.Builder builder, Supplier<?> get, Consumer<Object> set) {
        FieldAccess access = new FieldAccess(get, set);
        return builder.getter(access).setter(access).initialValue(get.get());
    }

    private static final class FieldAccess implements IGetter, ISetter {
        private final Supplier<?> reader;
        private final Consumer<Object> writer;

        FieldAccess(Supplier<?> reader, Consumer<Object> writer) {
            this.reader = reader;
            this.writer = writer;
        }

        @SuppressWarnings("unchecked")
        @Override public <T> T get() { return (T) reader.get(); }

        @Override public <T> T set(T value) {
            T old = get();
            writer.accept(value);
            return old;
        }
    }
}
