package io.wirelab.scripting.engine;

import io.wirelab.labs.model.LabSpec;
import io.wirelab.labs.model.NodeSpec;
import io.wirelab.labs.yaml.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;

/**
 * A check of a script against its lab, for {@code wirelab validate}: every
 * {@code NAME.webServer.handle(...)} must name a device of the lab that runs {@code services: web:}.
 * Problems come as CompileProblems at the call (scripts that do not compile are GroovyEngine.check's).
 */
final class HandlerTargets {
    private HandlerTargets() {}

    static List<CompileProblem> problems(LabSpec lab, String code) {
        List<CompileProblem> out = new ArrayList<>();
        List<String> devices = lab.nodes().stream().map(NodeSpec::name).toList();
        CodeVisitorSupport visitor = new CodeVisitorSupport() {
            @Override public void visitMethodCallExpression(MethodCallExpression call) {
                super.visitMethodCallExpression(call);
                if (!call.getMethodAsString().equals("handle")
                        || !(call.getObjectExpression() instanceof PropertyExpression p)
                        || !"webServer".equals(p.getPropertyAsString())
                        || !(p.getObjectExpression() instanceof VariableExpression v)) return;
                String name = v.getName();
                NodeSpec n = lab.node(name);
                if (n == null) {
                    String hint = DidYouMean.suggest(name, devices);
                    out.add(at(v, "a handler on '" + name + "', which is no device of this lab"
                            + (hint != null ? " (hint: did you mean '" + hint + "'?)" : "")));
                } else if (n.services().web() == null) {
                    out.add(at(v, "a handler on " + name + ", which runs no web server (hint: add services: { web: { } } to " + name + ")"));
                }
            }
        };
        for (MethodNode m : ScriptDeviceNames.bodies(code)) m.getCode().visit(visitor);
        return out;
    }

    private static CompileProblem at(ASTNode node, String message) {
        return new CompileProblem(node.getLineNumber(), node.getColumnNumber(), message);
    }
}
