package io.wirelab.scripting.engine;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.yaml.DidYouMean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.syntax.Types;

/**
 * A check of a script against its lab, for {@code wirelab validate}: a name the script uses as a device
 * ({@code pc9.ping(...)}, {@code pc9.http}, {@code device('pc9')}) that the script never declares must be
 * a device of the lab, so validate reports what run would fail on. Reads the parsed tree only; runs nothing.
 */
final class ScriptDeviceNames {
    private static final Set<String> SCRIPT_NAMES = Set.of("lab", "out", "now", "this", "super", "it", "delegate", "owner");

    private ScriptDeviceNames() {}

    static List<CompileProblem> problems(LabSpec lab, String code) {
        List<MethodNode> bodies = bodies(code);
        Set<String> declared = new HashSet<>(SCRIPT_NAMES);
        bodies.forEach(m -> {
            declared.add(m.getName());
            for (Parameter p : m.getParameters()) declared.add(p.getName());
            m.getCode().visit(new Declarations(declared));
        });
        List<String> devices = lab.nodes().stream().map(NodeSpec::name).toList();
        List<CompileProblem> out = new ArrayList<>();
        CodeVisitorSupport uses = new CodeVisitorSupport() {
            @Override public void visitPropertyExpression(PropertyExpression p) {
                super.visitPropertyExpression(p);
                receiver(p.getObjectExpression());
            }
            @Override public void visitMethodCallExpression(MethodCallExpression call) {
                super.visitMethodCallExpression(call);
                receiver(call.getObjectExpression());
                if (call.getMethodAsString() != null && call.getMethodAsString().equals("device")
                        && call.getArguments() instanceof TupleExpression args && args.getExpressions().size() == 1
                        && args.getExpression(0) instanceof ConstantExpression c && c.getValue() instanceof String name)
                    check(c, name);
            }
            private void receiver(Expression e) {
                if (e instanceof VariableExpression v && !declared.contains(v.getName())
                        && Character.isLowerCase(v.getName().charAt(0))) check(v, v.getName());
            }
            private void check(ASTNode at, String name) {
                if (lab.node(name) != null) return;
                String hint = DidYouMean.suggest(name, devices);
                out.add(new CompileProblem(at.getLineNumber(), at.getColumnNumber(), "'" + name + "' is no device of this lab and is not declared in the script"
                        + (hint != null ? " (hint: did you mean '" + hint + "'?)" : " (hint: devices are " + String.join(", ", devices) + ")")));
            }
        };
        bodies.forEach(m -> m.getCode().visit(uses));
        return out;
    }

    /** The script's parsed methods with code (its statements are its class's run()); none when it does not parse. Runs nothing. */
    static List<MethodNode> bodies(String code) {
        CompilationUnit unit = new CompilationUnit(GroovyEngine.configuration(GroovyEngine.Mode.SCRIPT, GroovyEngine.Trust.TRUSTED));
        SourceUnit source = unit.addSource("wirelab_check.groovy", code);
        try {
            unit.compile(Phases.CONVERSION);
        } catch (CompilationFailedException e) {
            return List.of();
        }
        List<MethodNode> out = new ArrayList<>();
        for (ClassNode c : source.getAST().getClasses())
            for (MethodNode m : c.getMethods()) if (m.getCode() != null) out.add(m);
        return out;
    }

    /** Every name the script binds anywhere: declarations, assignments, parameters, loop and catch variables. */
    private static final class Declarations extends CodeVisitorSupport {
        private final Set<String> names;

        Declarations(Set<String> names) { this.names = names; }

        @Override public void visitDeclarationExpression(DeclarationExpression d) {
            if (d.isMultipleAssignmentDeclaration()) d.getTupleExpression().getExpressions().forEach(this::bind);
            else bind(d.getLeftExpression());
            super.visitDeclarationExpression(d);
        }
        @Override public void visitBinaryExpression(BinaryExpression b) {
            if (b.getOperation().getType() == Types.ASSIGN) bind(b.getLeftExpression());
            super.visitBinaryExpression(b);
        }
        @Override public void visitClosureExpression(ClosureExpression c) {
            if (c.getParameters() != null) for (Parameter p : c.getParameters()) names.add(p.getName());
            super.visitClosureExpression(c);
        }
        @Override public void visitForLoop(ForStatement f) {
            if (f.getValueVariable() != null) names.add(f.getValueVariable().getName());
            if (f.getIndexVariable() != null) names.add(f.getIndexVariable().getName());
            super.visitForLoop(f);
        }
        @Override public void visitCatchStatement(CatchStatement c) {
            names.add(c.getVariable().getName());
            super.visitCatchStatement(c);
        }
        private void bind(Expression e) {
            if (e instanceof VariableExpression v) names.add(v.getName());
            else if (e instanceof TupleExpression t) t.getExpressions().forEach(this::bind);
        }
    }
}
