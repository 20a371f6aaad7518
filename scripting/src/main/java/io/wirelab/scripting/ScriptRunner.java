package io.wirelab.scripting;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.MetaMethod;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabInterruptedException;
import io.wirelab.labs.run.LabTimeoutException;
import io.wirelab.labs.yaml.DidYouMean;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Runs a lab script against a running {@link Lab}. Script output goes to {@code out}; failures are
 * reported on {@code err} as {@code file:line: message} (a failed assert adds Groovy's power-assert
 * text), never as a JVM stack trace. Returns 0 on success, 1 on any failure. Does not close the lab.
 */
public final class ScriptRunner {
    public static final int OK = 0;
    public static final int FAILED = 1;

    private static final String CODE_BASE = "/wirelab/script";

    private final PrintStream out;
    private final PrintStream err;
    private int scripts;

    public ScriptRunner(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(Lab lab, ScriptSource source) {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        LabFacade facade = new LabFacade(lab, writer);
        Binding binding = new Binding();
        facade.getDevices().forEach(binding::setVariable);
        binding.setVariable("lab", facade);
        binding.setVariable("out", writer);

        String internalName = internalName(source.fileName());
        GroovyShell shell = new GroovyShell(ScriptRunner.class.getClassLoader(), binding, compilerConfiguration());
        Script script;
        try {
            script = shell.parse(new GroovyCodeSource(source.text(), internalName, CODE_BASE));
        } catch (CompilationFailedException e) {
            compileErrors(source, e).forEach(err::println);
            return FAILED;
        }
        try {
            script.run();
            writer.flush();
            return OK;
        } catch (Throwable thrown) {
            writer.flush();
            Throwable t = unwrap(thrown);
            int line = scriptLine(thrown, internalName);
            String where = source.fileName() + (line > 0 ? ":" + source.fileLine(line) : "") + ": ";
            if (t instanceof AssertionError) {
                err.println(where + "assertion failed");
                String text = t.getMessage();
                if (text != null && !text.isBlank()) err.println(text.stripTrailing());
            } else {
                err.println(where + describe(t, script.getClass(), facade));
            }
            err.flush();
            return FAILED;
        }
    }

    /** Compiles without running: every syntax or semantic error as file:line:col: message. */
    public static List<String> compileProblems(ScriptSource source) {
        GroovyShell shell = new GroovyShell(ScriptRunner.class.getClassLoader(), new Binding(), compilerConfiguration());
        try {
            shell.parse(new GroovyCodeSource(source.text(), "wirelab_check.groovy", CODE_BASE));
            return List.of();
        } catch (CompilationFailedException e) {
            return compileErrors(source, e);
        }
    }

    private static CompilerConfiguration compilerConfiguration() {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(LabScript.class.getName());
        cc.addCompilationCustomizers(new ImportCustomizer().addStarImports("io.wirelab.scripting"));
        return cc;
    }

    private static List<String> compileErrors(ScriptSource source, CompilationFailedException e) {
        List<String> out = new ArrayList<>();
        if (e instanceof MultipleCompilationErrorsException m)
            for (Message msg : m.getErrorCollector().getErrors()) out.add(compileError(source, msg));
        if (out.isEmpty()) out.add(source.fileName() + ": " + e.getMessage().strip());
        return out;
    }

    private String internalName(String fileName) {
        String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        int dot = base.indexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        String safe = base.replaceAll("[^A-Za-z0-9_]", "_");
        return "wirelab_" + safe + "_" + (++scripts) + ".groovy";
    }

    private static String compileError(ScriptSource source, Message m) {
        if (m instanceof SyntaxErrorMessage sem) {
            SyntaxException se = sem.getCause();
            return source.fileName() + ":" + source.fileLine(se.getLine()) + ":" + source.fileColumn(se.getStartColumn())
                    + ": " + se.getOriginalMessage().strip();
        }
        if (m instanceof ExceptionMessage em) return source.fileName() + ": " + em.getCause().getMessage();
        if (m instanceof SimpleMessage sm) return source.fileName() + ": " + sm.getMessage();
        return source.fileName() + ": compilation failed";
    }

    /**
     * The one-line message a failure of code compiled with the lab script base class shows (no stack
     * trace): unknown names and methods with "did you mean", plain messages for lab errors.
     */
    public static String describeFailure(Throwable thrown, LabFacade lab) {
        Throwable t = unwrap(thrown);
        if (t instanceof AssertionError) {
            String text = t.getMessage();
            return "assertion failed" + (text != null && !text.isBlank() ? "\n" + text.stripTrailing() : "");
        }
        return describe(t, LabScript.class, lab);
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof InvokerInvocationException || t instanceof InvocationTargetException
                || t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        return t;
    }

    /** The innermost-called script line in t's stack (or its causes'), or -1. */
    static int scriptLine(Throwable t, String internalName) {
        for (Throwable c = t; c != null; c = c.getCause())
            for (StackTraceElement e : c.getStackTrace())
                if (internalName.equals(e.getFileName()) && e.getLineNumber() > 0) return e.getLineNumber();
        return -1;
    }

    private static String describe(Throwable t, Class<?> scriptClass, LabFacade lab) {
        if (t instanceof MissingPropertyException mpe && mpe.getProperty() != null) {
            String name = mpe.getProperty();
            if (mpe.getType() == null || scriptClass.isAssignableFrom(mpe.getType()))
                return "unknown name '" + name + "'" + lab.hint(name);
            if (mpe.getType() == LabFacade.class) {
                Set<String> candidates = new LinkedHashSet<>(lab.getDevices().keySet());
                candidates.addAll(propertyNames(LabFacade.class));
                candidates.addAll(methodNames(LabFacade.class));
                String s = DidYouMean.suggest(name, candidates);
                return "lab has no device, property or method '" + name + "'" + (s != null ? "; did you mean '" + s + "'?" : "")
                        + " (devices: " + String.join(", ", lab.getDevices().keySet()) + ")";
            }
            String s = DidYouMean.suggest(name, propertyNames(mpe.getType()));
            return friendly(mpe.getType()) + " has no property '" + name + "'" + (s != null ? "; did you mean '" + s + "'?" : "");
        }
        if (t instanceof MissingMethodException mme) {
            String call = mme.getMethod() + "(" + argTypes(mme.getArguments()) + ")";
            Class<?> type = mme.getType();
            if (type == null || scriptClass.isAssignableFrom(type)) {
                Set<String> hostMethods = methodNames(HostFacade.class);
                if (hostMethods.contains(mme.getMethod()))
                    return "unknown function " + call + "; " + mme.getMethod() + " is a method of a host: write "
                            + firstHost(lab) + "." + mme.getMethod() + "(...)";
                Set<String> candidates = new LinkedHashSet<>(methodNames(LabScript.class));
                candidates.addAll(lab.getDevices().keySet());
                String s = DidYouMean.suggest(mme.getMethod(), candidates);
                return "unknown function " + call + (s != null ? "; did you mean '" + s + "'?" : "");
            }
            List<String> overloads = overloads(type, mme.getMethod());
            if (!overloads.isEmpty())
                return friendly(type) + " method " + mme.getMethod() + " does not take (" + argTypes(mme.getArguments())
                        + "); it takes " + String.join(" or ", overloads);
            String s = DidYouMean.suggest(mme.getMethod(), methodNames(type));
            return friendly(type) + " has no method " + call + (s != null ? "; did you mean '" + s + "'?" : "");
        }
        if (t instanceof StackOverflowError) return "stack overflow (endless recursion?)";
        String msg = t.getMessage() == null ? "" : t.getMessage().strip();
        boolean plain = t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UnsupportedOperationException || t instanceof LabTimeoutException
                || t instanceof LabInterruptedException || t instanceof java.util.NoSuchElementException;
        if (plain && !msg.isEmpty()) return msg;
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    private static String firstHost(LabFacade lab) {
        for (DeviceFacade d : lab.getDevices().values()) if (d instanceof HostFacade) return d.getName();
        return "pc1";
    }

    private static String friendly(Class<?> type) {
        if (type == HostFacade.class) return "a host";
        if (type == SwitchFacade.class) return "a switch";
        if (DeviceFacade.class.isAssignableFrom(type)) return "a device";
        if (type == LabFacade.class) return "lab";
        if (type == VirtualDuration.class) return "a duration";
        return type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
    }

    private static String argTypes(Object[] args) {
        if (args == null) return "";
        return Arrays.stream(args).map(a -> a == null ? "null" : a instanceof java.util.Map ? "Map"
                : a instanceof List ? "List" : a.getClass().getSimpleName()).collect(Collectors.joining(", "));
    }

    private static List<String> overloads(Class<?> type, String name) {
        List<String> out = new ArrayList<>();
        for (Method m : type.getMethods())
            if (m.getName().equals(name) && m.getDeclaringClass() != Object.class)
                out.add("(" + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")");
        out.sort(null);
        return out;
    }

    /** Public method names of type, including Groovy extension methods, without Object's. */
    private static Set<String> methodNames(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        for (Method m : type.getMethods())
            if (m.getDeclaringClass() != Object.class && m.getDeclaringClass() != Script.class
                    && m.getDeclaringClass() != groovy.lang.GroovyObjectSupport.class && !Modifier.isStatic(m.getModifiers()))
                names.add(m.getName());
        for (MetaMethod mm : InvokerHelper.getMetaClass(type).getMetaMethods()) names.add(mm.getName());
        return names;
    }

    /** Property names of type (getters and record components), including Groovy extension properties. */
    private static Set<String> propertyNames(Class<?> type) {
        Set<String> names = new LinkedHashSet<>();
        if (type.isRecord()) for (var rc : type.getRecordComponents()) names.add(rc.getName());
        for (String m : methodNames(type)) {
            String p = m.startsWith("get") && m.length() > 3 ? m.substring(3)
                    : m.startsWith("is") && m.length() > 2 ? m.substring(2) : null;
            if (p != null) names.add(p.length() > 1 && Character.isUpperCase(p.charAt(1)) ? p
                    : p.substring(0, 1).toLowerCase(Locale.ROOT) + p.substring(1));
        }
        return names;
    }
}
