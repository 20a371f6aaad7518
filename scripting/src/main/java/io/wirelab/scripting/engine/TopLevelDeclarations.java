package io.wirelab.scripting.engine;

import java.util.List;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.EmptyExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Console inputs: a top-level declaration ({@code def x = 1}, {@code int y = 2}, {@code def (a, b) = [1, 2]})
 * becomes an assignment to a binding variable, so the variable outlives its input. A typed one keeps its
 * conversion ({@code String s = 5} binds "5"). Declarations in blocks, closures and methods, and
 * annotated ones ({@code @Field}), stay as written.
 */
final class TopLevelDeclarations extends CompilationCustomizer {
    TopLevelDeclarations() { super(CompilePhase.CONVERSION); }

    @Override public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) return;
        List<Statement> statements = source.getAST().getStatementBlock().getStatements();
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) instanceof ExpressionStatement s && s.getExpression() instanceof DeclarationExpression d
                    && d.getAnnotations().isEmpty()) {
                ExpressionStatement assignment = new ExpressionStatement(toAssignment(d));
                assignment.setSourcePosition(s);
                assignment.copyStatementLabels(s);
                statements.set(i, assignment);
            }
        }
    }

    private static Expression toAssignment(DeclarationExpression d) {
        Expression target;
        Expression value = d.getRightExpression();
        if (d.isMultipleAssignmentDeclaration()) {
            TupleExpression names = new TupleExpression();
            for (Expression e : d.getTupleExpression().getExpressions()) names.addExpression(bindingVariable((VariableExpression) e));
            names.setSourcePosition(d.getTupleExpression());
            target = names;
        } else {
            VariableExpression v = d.getVariableExpression();
            target = bindingVariable(v);
            ClassNode type = v.getOriginType();
            if (value instanceof EmptyExpression)
                value = ClassHelper.isPrimitiveType(type) ? new CastExpression(type, new ConstantExpression(0)) : ConstantExpression.NULL;
            else if (!v.isDynamicTyped()) value = new CastExpression(type, value);
        }
        BinaryExpression assignment = new BinaryExpression(target, d.getOperation(), value);
        assignment.setSourcePosition(d);
        return assignment;
    }

    /** A name not declared in the script: Groovy resolves it through the binding. */
    private static VariableExpression bindingVariable(VariableExpression declared) {
        VariableExpression v = new VariableExpression(declared.getName());
        v.setSourcePosition(declared);
        return v;
    }
}
