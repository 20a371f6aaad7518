package io.wirelab.scripting.engine;

import java.util.List;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.AnnotatedNode;
import org.codehaus.groovy.ast.AnnotationNode;
import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * The first check of a sandboxed script, right after parsing and before any transform can run code
 * at compile time: no annotations anywhere (they name AST transforms such as {@code @ASTTest} and
 * {@code @Grab}, or take code out of the check such as {@code @CompileDynamic}) and no classes of its
 * own (their static initializers and MOP methods escape the script's rules).
 */
final class SandboxShape extends CompilationCustomizer {
    SandboxShape() { super(CompilePhase.CONVERSION); }

    @Override public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (!classNode.isScript()) {
            refuse(source, "a class declaration (" + classNode.getNameWithoutPackage()
                    + "); use methods and closures", classNode);
            return;
        }
        checkModule(source, classNode.getModule());
        new ClassCodeVisitorSupport() {
            @Override protected SourceUnit getSourceUnit() { return source; }

            @Override public void visitAnnotations(AnnotatedNode node) {
                annotations(source, node.getAnnotations());
                super.visitAnnotations(node);
            }

            @Override public void visitDeclarationExpression(DeclarationExpression d) {
                annotations(source, d.getAnnotations());
                super.visitDeclarationExpression(d);
            }

            @Override public void visitClosureExpression(ClosureExpression c) {
                if (c.getParameters() != null) for (Parameter p : c.getParameters()) annotations(source, p.getAnnotations());
                super.visitClosureExpression(c);
            }
        }.visitClass(classNode);
    }

    private static void checkModule(SourceUnit source, ModuleNode module) {
        if (module.getPackage() != null) {
            annotations(source, module.getPackage().getAnnotations());
            refuse(source, "a package declaration", module.getPackage());
        }
        for (ImportNode i : module.getImports()) annotations(source, i.getAnnotations());
        for (ImportNode i : module.getStarImports()) annotations(source, i.getAnnotations());
        for (ImportNode i : module.getStaticImports().values()) annotations(source, i.getAnnotations());
        for (ImportNode i : module.getStaticStarImports().values()) annotations(source, i.getAnnotations());
    }

    private static void annotations(SourceUnit source, List<AnnotationNode> annotations) {
        for (AnnotationNode a : annotations)
            if (a.getLineNumber() > 0)   // line < 1: added by the compiler (the script base class's @BaseScript)
                refuse(source, "the annotation @" + a.getClassNode().getName(), a);
    }

    private static void refuse(SourceUnit source, String what, ASTNode at) {
        refuse(source, what, at.getLineNumber(), at.getColumnNumber());
    }

    /** A compile error naming what the sandbox refuses, at line:column of the script. */
    static void refuse(SourceUnit source, String what, int line, int column) {
        source.getErrorCollector().addErrorAndContinue(new SyntaxErrorMessage(new SyntaxException(
                "not allowed in lab scripts: " + what + " (" + SandboxPolicy.SUMMARY + ")", line, column), source));
    }
}
