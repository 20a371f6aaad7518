package io.wirelab.scripting.engine;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GroovyClassLoader;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.Script;
import groovy.transform.ConditionalInterrupt;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabInterruptedException;
import io.wirelab.report.ReportRecorder;
import io.wirelab.scripting.FailureMessages;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.LabScript;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.VariableScope;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.tools.GroovyClass;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * The one Groovy engine of wirelab: lab scripts, console inputs and {@code validate} compile with
 * {@link #configuration(Mode)} and run against one binding ({@code lab}, one variable per device,
 * {@code out}). Code is sandboxed ({@link SandboxPolicy}: compile-time checks plus run-time guards)
 * unless the caller says it is trusted. Evaluation happens on the calling thread; {@link #interrupt()}
 * is the only method another thread may call. Failures come back as an {@link Outcome}, never as a
 * stack trace.
 */
public final class GroovyEngine {
    /** How inputs are compiled. */
    public enum Mode {
        /** A lab's script: plain Groovy scoping. */
        SCRIPT,
        /** Inputs of a console session: top-level variables and methods outlive the input that defined them. */
        CONSOLE
    }

    /** Whether code runs in the sandbox (an allow-list, see {@link SandboxPolicy}) or with the user's full rights. */
    public enum Trust {
        /** Lab scripts, {@code --script} files and {@code :load}ed files unless the user said --trust. */
        SANDBOXED,
        /** Console input typed by the user, and anything run with --trust. */
        TRUSTED
    }

    static {
        // @ASTTest runs code while compiling; a no-op everywhere in wirelab (Groovy 5.1+ honours this property)
        if (System.getProperty("groovy.asttest.enable") == null) System.setProperty("groovy.asttest.enable", "false");
    }

    private static final String CODE_BASE = "/wirelab/script";

    /**
     * The stop flag of the engine whose evaluation a thread runs; the script's task threads inherit it.
     * Compiled loops, closures and methods check it (not Thread.interrupt, which would close the capture
     * files' channels).
     */
    private static final InheritableThreadLocal<AtomicBoolean> STOP = new InheritableThreadLocal<>();

    private final Mode mode;
    private final Binding binding;
    private final Map<Trust, GroovyShell> shells = new EnumMap<>(Trust.class);
    private Lab lab;
    private LabFacade facade;
    private PrintWriter out;
    private int evaluations;
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile Lab running;
    private volatile boolean interrupted;

    public GroovyEngine(Mode mode) {
        GroovyRuntimeStart.await();
        this.mode = mode;
        this.binding = new Binding();
    }

    /**
     * The compiler setup of every wirelab script; the only place imports, base class and customizers are
     * chosen. Sandboxed: no global AST transforms (@Grab), every annotation and class refused before any
     * transform runs, then the allow-list check and its run-time guards; the interrupt check comes last
     * so that the sandbox never sees (or refuses) the code it adds.
     */
    static CompilerConfiguration configuration(Mode mode, Trust trust) {
        CompilerConfiguration cc = new CompilerConfiguration();
        cc.setScriptBaseClass(LabScript.class.getName());
        if (trust == Trust.SANDBOXED) {
            cc.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
            cc.addCompilationCustomizers(new SandboxShape());
        }
        cc.addCompilationCustomizers(new ImportCustomizer().addStarImports("io.wirelab.scripting"));
        if (mode == Mode.CONSOLE) cc.addCompilationCustomizers(new TopLevelDeclarations());
        if (trust == Trust.SANDBOXED) cc.addCompilationCustomizers(new SandboxTransform());
        cc.addCompilationCustomizers(new ASTTransformationCustomizer(
                Map.of("value", stopCheck(), "thrown", ScriptStopped.class), ConditionalInterrupt.class));
        return cc;
    }

    /** The class loader sandboxed code compiles against: the application's, minus the list of global AST transforms. */
    private static ClassLoader compileLoader(Trust trust) {
        ClassLoader app = GroovyEngine.class.getClassLoader();
        return trust == Trust.TRUSTED ? app : new NoGlobalTransformsLoader(app);
    }

    private GroovyShell shell(Trust trust) {
        return shells.computeIfAbsent(trust, t -> new GroovyShell(compileLoader(t), binding, configuration(mode, t)));
    }

    /** { GroovyEngine.stopRequested() }: the condition a compiled script checks at each loop, closure and method start. */
    private static ClosureExpression stopCheck() {
        ClosureExpression check = new ClosureExpression(Parameter.EMPTY_ARRAY, new ExpressionStatement(new StaticMethodCallExpression(
                ClassHelper.make(GroovyEngine.class), "stopRequested", ArgumentListExpression.EMPTY_ARGUMENTS)));
        check.setVariableScope(new VariableScope());
        return check;
    }

    /** Whether the evaluation on this thread was interrupted; called by compiled scripts. */
    public static boolean stopRequested() {
        AtomicBoolean f = STOP.get();
        return f != null && f.get();
    }

    /**
     * Binds lab, its devices and out (where println writes); again after the lab is rebuilt, keeping
     * the other variables. Returns the lab's facade.
     */
    public LabFacade attach(Lab lab, PrintWriter out) {
        if (facade != null) facade.endTasks();
        this.lab = lab;
        this.out = ReportRecorder.of(lab).transcribing(out);   // the report shows what the script printed
        this.facade = new LabFacade(lab, this.out);
        facade.getDevices().forEach(binding::setVariable);
        binding.setVariable("lab", facade);
        binding.setVariable("out", this.out);
        return facade;
    }

    public Binding binding() { return binding; }

    public LabFacade facade() { return facade; }

    /** Checks sandboxed code without running any of it: its problems, or none. */
    public static List<CompileProblem> check(String code) { return check(code, Trust.SANDBOXED); }

    /**
     * Parses and checks code up to the last phase before bytecode: no class is generated, loaded or run,
     * no global transform (@Grab) runs, and sandboxed code has every annotation refused before any local
     * transform could run. Trusted code is checked as plain Groovy.
     */
    public static List<CompileProblem> check(String code, Trust trust) {
        if (ScriptCache.standard().map(c -> c.accepted(code, trust)).orElse(false)) return List.of();
        GroovyRuntimeStart.await();
        CompilerConfiguration cc = configuration(Mode.SCRIPT, trust);
        cc.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        CompilationUnit unit = new CompilationUnit(cc, null, new GroovyClassLoader(compileLoader(Trust.SANDBOXED), cc));
        unit.addSource("wirelab_check.groovy", code);
        try {
            unit.compile(Phases.INSTRUCTION_SELECTION);
            return List.of();
        } catch (CompilationFailedException e) {
            return CompileProblem.from(e);
        }
    }

    /** Compiles and runs sandboxed code against the attached lab; sourceName (a file, "input") names its class. */
    public Outcome evaluate(String code, String sourceName) { return evaluate(code, sourceName, Trust.SANDBOXED); }

    /** A script compiled by prepare, for the evaluate of the same code, name and trust. */
    private record Prepared(String code, String internalName, Trust trust, Class<?> script) {
        boolean serves(String code, String internalName, Trust trust) {
            return this.code.equals(code) && this.internalName.equals(internalName) && this.trust == trust;
        }
    }

    private Prepared prepared;

    /**
     * Compiles a lab script (into the script cache) before its lab is built, so that a real-time lab's open
     * bridges do not wait for the compiler; evaluate of the same code then takes this class. A script that
     * does not compile, or any other failure here, is left for evaluate to meet and report as it always does.
     */
    public void prepare(String code, String sourceName, Trust trust) {
        Optional<ScriptCache> cache = mode == Mode.SCRIPT ? ScriptCache.standard() : Optional.empty();
        if (cache.isEmpty()) return;
        String internalName = internalName(sourceName, evaluations + 1);   // the name the next evaluate gives it
        try {
            prepared = new Prepared(code, internalName, trust, compiledOrCached(cache.get(), code, internalName, trust));
        } catch (RuntimeException e) {
            prepared = null;
        }
    }

    /** Compiles and runs code against the attached lab, sandboxed or not. */
    public Outcome evaluate(String code, String sourceName, Trust trust) {
        String internalName = internalName(sourceName);
        Prepared ahead = prepared != null && prepared.serves(code, internalName, trust) ? prepared : null;
        prepared = null;
        Script script;
        try {
            Optional<ScriptCache> cache = mode == Mode.SCRIPT ? ScriptCache.standard() : Optional.empty();
            script = ahead != null ? InvokerHelper.createScript(ahead.script(), binding)
                    : cache.isPresent() ? InvokerHelper.createScript(compiledOrCached(cache.get(), code, internalName, trust), binding)
                    : shell(trust).parse(new GroovyCodeSource(code, internalName, CODE_BASE));
        } catch (CompilationFailedException e) {
            return new Outcome.CompileFailed(CompileProblem.from(e));
        }
        if (mode == Mode.CONSOLE) keepMethods(script);
        return call(script::run, internalName);
    }

    /**
     * A lab script's class, from the cache when this code was compiled under this name and trust
     * before; otherwise compiled (throwing when the compiler or the sandbox refuses it) and then stored.
     * Either way its classes are defined from their bytes by one loader, so a hit runs what a miss runs.
     */
    private Class<?> compiledOrCached(ScriptCache cache, String code, String internalName, Trust trust) {
        ScriptCache.Entry entry = cache.load(code, trust).filter(e -> e.sourceName().equals(internalName)).orElse(null);
        if (entry == null) {
            CompilerConfiguration cc = configuration(mode, trust);
            CompilationUnit unit = new CompilationUnit(cc, null, new GroovyClassLoader(compileLoader(trust), cc));
            unit.addSource(internalName, code);
            unit.compile(Phases.CLASS_GENERATION);
            Map<String, byte[]> classes = new LinkedHashMap<>();
            for (GroovyClass c : unit.getClasses()) classes.put(c.getName(), c.getBytes());
            entry = new ScriptCache.Entry(internalName, classes);
            cache.store(code, trust, entry);
        }
        String main = internalName.substring(0, internalName.length() - ".groovy".length());
        try {
            return Class.forName(main, false, new CompiledScriptLoader(compileLoader(trust), entry.classes()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("compiled script has no class " + main, e);
        }
    }

    /** Defines a compiled script's classes from their bytes. */
    private static final class CompiledScriptLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CompiledScriptLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super(parent);
            this.classes = classes;
        }

        @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) throw new ClassNotFoundException(name);
            return defineClass(name, b, 0, b.length);
        }
    }

    /** Runs Java code over the lab (the console's :run) with the same interruption and failure handling. */
    public Outcome call(Supplier<?> body) { return call(body, null); }

    private Outcome call(Supplier<?> body, String internalName) {
        lab.simulator().clearStopRequest();   // a Ctrl-C after the previous evaluation's last run must not stop this one
        stop.set(false);
        STOP.set(stop);
        interrupted = false;
        running = lab;
        try {
            return new Outcome.Completed(body.get());
        } catch (Throwable t) {
            int line = internalName == null ? -1 : scriptLine(t, internalName);
            if (FailureMessages.unwrap(t) instanceof SandboxViolation v)
                return new Outcome.Refused(new CompileProblem(v.line() > 0 ? v.line() : Math.max(line, 0), v.column(), v.getMessage()));
            if (interrupted || FailureMessages.unwrap(t) instanceof LabInterruptedException) return new Outcome.Interrupted(line);
            return new Outcome.Failed(FailureMessages.describe(t, facade), line);
        } finally {
            running = null;
            out.flush();
        }
    }

    /**
     * Ctrl-C: stops a running lab.run or ping after the current event, or the evaluation's next run if
     * none is running yet (the simulator keeps the request), and a Groovy loop at its next iteration,
     * in the script or in one of its tasks (also after the evaluation, while the lab runs on). The next
     * evaluation starts afresh. Safe from any thread.
     */
    public void interrupt() {
        stop.set(true);
        Lab l = running;
        if (l == null) return;
        interrupted = true;
        l.simulator().requestStop();
    }

    public boolean isEvaluating() { return running != null; }

    /**
     * Console: each method the script declares becomes a closure in the binding, which later inputs
     * call like a method (as groovysh keeps them). Device variables and lab are never shadowed.
     */
    private void keepMethods(Script script) {
        for (Method m : script.getClass().getDeclaredMethods()) {
            String name = m.getName();
            if (m.isSynthetic() || name.equals("run") || name.equals("main") || name.contains("$")) continue;
            Object bound = binding.hasVariable(name) ? binding.getVariable(name) : null;
            if (bound == null || bound instanceof Closure) binding.setVariable(name, new MethodClosure(script, name));
        }
    }

    private String internalName(String sourceName) { return internalName(sourceName, ++evaluations); }

    private static String internalName(String sourceName, int evaluation) {
        String base = sourceName.substring(Math.max(sourceName.lastIndexOf('/'), sourceName.lastIndexOf('\\')) + 1);
        int dot = base.indexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        return "wirelab_" + base.replaceAll("[^A-Za-z0-9_]", "_") + "_" + evaluation + ".groovy";
    }

    /** The innermost-called line of the script named internalName in t's stack (or its causes'), or -1. */
    static int scriptLine(Throwable t, String internalName) {
        for (Throwable c = t; c != null; c = c.getCause())
            for (StackTraceElement e : c.getStackTrace())
                if (internalName.equals(e.getFileName()) && e.getLineNumber() > 0) return e.getLineNumber();
        return -1;
    }
}
