package io.wirelab.scripting.engine;

import java.util.Set;
import org.codehaus.groovy.ast.ClassCodeExpressionTransformer;
import org.codehaus.groovy.ast.ClassHelper;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.DynamicVariable;
import org.codehaus.groovy.ast.ImportNode;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.Parameter;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ArrayExpression;
import org.codehaus.groovy.ast.expr.AttributeExpression;
import org.codehaus.groovy.ast.expr.BinaryExpression;
import org.codehaus.groovy.ast.expr.CastExpression;
import org.codehaus.groovy.ast.expr.ClassExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.ConstructorCallExpression;
import org.codehaus.groovy.ast.expr.DeclarationExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.MethodPointerExpression;
import org.codehaus.groovy.ast.expr.MethodReferenceExpression;
import org.codehaus.groovy.ast.expr.PropertyExpression;
import org.codehaus.groovy.ast.expr.StaticMethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.ast.stmt.CatchStatement;
import org.codehaus.groovy.ast.stmt.ForStatement;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;
import org.codehaus.groovy.syntax.Types;

/**
 * The compile-time half of the sandbox, after names are resolved: every type a script names, every
 * static member, constructor and member name is checked against {@link SandboxPolicy}, and the receiver
 * of every call, property access, method pointer, subscript and operator is wrapped in a
 * {@link SandboxGuard} call that checks at run time what dynamic dispatch will reach. Must run before
 * any customizer that adds code of its own (the interrupt check).
 */
final class SandboxTransform extends CompilationCustomizer {
    SandboxTransform() { super(CompilePhase.CANONICALIZATION); }

    @Override public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        if (classNode.isScript()) new Checker(source, classNode).check();
    }

    /** Operators Groovy turns into a method call on the left operand (leftShift, or, plus, ...). */
    private static final Set<Integer> OPERATOR_CALLS = Set.of(Types.LEFT_SHIFT, Types.RIGHT_SHIFT, Types.RIGHT_SHIFT_UNSIGNED,
            Types.BITWISE_OR, Types.BITWISE_AND, Types.BITWISE_XOR, Types.PLUS, Types.MINUS, Types.MULTIPLY, Types.DIVIDE,
            Types.MOD, Types.POWER, Types.REMAINDER, Types.INTDIV);

    private static final class Checker extends ClassCodeExpressionTransformer {
        private final SourceUnit source;
        private final ClassNode script;

        Checker(SourceUnit source, ClassNode script) {
            this.source = source;
            this.script = script;
        }

        @Override protected SourceUnit getSourceUnit() { return source; }

        void check() {
            checkImports(source.getAST());
            for (MethodNode m : script.getMethods()) {
                boolean body = m.getName().equals("run") && m.getParameters().length == 0 && m.getLineNumber() < 1;
                if (!body && m.getLineNumber() < 1) continue;   // compiler-made: constructors, main
                if (!body) {
                    if (SandboxPolicy.DENIED_NAMES.contains(m.getName()) || SandboxPolicy.DENIED_DECLARATIONS.contains(m.getName()))
                        refuse("a method named " + m.getName(), m.getLineNumber(), m.getColumnNumber());
                    checkType(m.getReturnType(), m.getLineNumber(), m.getColumnNumber());
                    checkParameters(m.getParameters());
                }
                visitConstructorOrMethod(m, false);
            }
        }

        private void checkImports(ModuleNode module) {
            for (ImportNode i : module.getImports()) checkType(i.getType(), i.getLineNumber(), i.getColumnNumber());
            for (ImportNode i : module.getStaticImports().values())
                if (!SandboxPolicy.allowedStatic(typeClass(i.getType()), i.getFieldName()))
                    refuse(i.getType().getName() + "." + i.getFieldName(), i.getLineNumber(), i.getColumnNumber());
            for (ImportNode i : module.getStaticStarImports().values())
                refuse("import static " + i.getType().getName() + ".*", i.getLineNumber(), i.getColumnNumber());
        }

        @Override public Expression transform(Expression e) {
            if (e == null) return null;
            if (e instanceof ClosureExpression c) {
                if (c.getParameters() != null) checkParameters(c.getParameters());
                c.getCode().visit(this);
                return c;
            }
            if (e instanceof MethodCallExpression m) return methodCall(m);
            if (e instanceof StaticMethodCallExpression s) return staticCall(s);
            if (e instanceof AttributeExpression a) {
                refuse("field access " + a.getText(), a);
                return a;
            }
            if (e instanceof PropertyExpression p) return property(p);
            if (e instanceof MethodPointerExpression mp) return methodPointer(mp);
            if (e instanceof ConstructorCallExpression c) return constructor(c);
            if (e instanceof CastExpression c) {
                checkType(c.getType(), c.getLineNumber(), c.getColumnNumber());
                return c.transformExpression(this);
            }
            if (e instanceof ClassExpression c) {
                checkType(c.getType(), c.getLineNumber(), c.getColumnNumber());
                return c;
            }
            if (e instanceof ArrayExpression a) {
                checkType(a.getElementType(), a.getLineNumber(), a.getColumnNumber());
                return a.transformExpression(this);
            }
            if (e instanceof DeclarationExpression d) return declaration(d);
            if (e instanceof BinaryExpression b) return binary(b);
            if (e instanceof VariableExpression v) {
                if (v.getAccessedVariable() instanceof DynamicVariable && deniedName(v.getName())) refuse(v.getName(), v);
                return v;
            }
            return e.transformExpression(this);
        }

        private Expression methodCall(MethodCallExpression m) {
            String name = m.getMethodAsString();
            if (name == null) refuse("a method name computed at run time", m);
            else if (deniedName(name) || SandboxPolicy.DENIED_CALLS.contains(name) || name.equals("sleep") && !m.isImplicitThis())
                refuse(name + "(...)", m);
            m.setArguments(transform(m.getArguments()));
            Expression receiver = m.getObjectExpression();
            if (receiver instanceof ClassExpression c) {
                if (name != null && !SandboxPolicy.allowedStatic(typeClass(c.getType()), name))
                    refuse(c.getType().getName() + "." + name + "(...)", m);
            } else if (!isThisOrSuper(receiver) && name != null) {
                m.setObjectExpression(guard(m.isSpreadSafe() ? "spread" : "receiver", transform(receiver), name, m));
            }
            return m;
        }

        private Expression staticCall(StaticMethodCallExpression s) {
            if (!s.getOwnerType().equals(script) && !SandboxPolicy.allowedStatic(typeClass(s.getOwnerType()), s.getMethod()))
                refuse(s.getOwnerType().getName() + "." + s.getMethod() + "(...)", s);
            return s.transformExpression(this);
        }

        private Expression property(PropertyExpression p) {
            String name = p.getPropertyAsString();
            if (name == null) {
                refuse("a property name computed at run time", p);
                return p;
            }
            if (deniedName(name)) refuse(name, p);
            Expression receiver = p.getObjectExpression();
            if (receiver instanceof ClassExpression c) {
                if (!SandboxPolicy.allowedStatic(typeClass(c.getType()), name)) refuse(c.getType().getName() + "." + name, p);
            } else if (!isThisOrSuper(receiver)) {
                p.setObjectExpression(guard(p.isSpreadSafe() ? "spread" : "receiver", transform(receiver), name, p));
            }
            return p;
        }

        private Expression methodPointer(MethodPointerExpression mp) {
            String name = mp.getMethodName() instanceof ConstantExpression c ? c.getText() : null;
            if (name == null) {
                refuse("a method pointer to a name computed at run time", mp);
                return mp;
            }
            if (deniedName(name) || SandboxPolicy.DENIED_CALLS.contains(name)) refuse(name, mp);
            Expression receiver = mp.getExpression();
            if (receiver instanceof ClassExpression c) {
                if (!SandboxPolicy.allowedStatic(typeClass(c.getType()), name)) refuse(c.getType().getName() + "." + name, mp);
                return mp;
            }
            if (isThisOrSuper(receiver)) return mp;
            Expression guarded = guard("receiver", transform(receiver), name, mp);
            MethodPointerExpression out = mp instanceof MethodReferenceExpression
                    ? new MethodReferenceExpression(guarded, mp.getMethodName()) : new MethodPointerExpression(guarded, mp.getMethodName());
            out.setSourcePosition(mp);
            return out;
        }

        private Expression constructor(ConstructorCallExpression c) {
            if (c.isUsingAnonymousInnerClass()) refuse("an anonymous class", c);
            else if (!c.isSpecialCall() && !SandboxPolicy.constructible(typeClass(c.getType()))) refuse("new " + c.getType().getName(), c);
            return c.transformExpression(this);
        }

        private Expression declaration(DeclarationExpression d) {
            if (d.getLeftExpression() instanceof TupleExpression t) {
                for (Expression v : t.getExpressions()) checkType(v.getType(), v.getLineNumber(), v.getColumnNumber());
            } else {
                VariableExpression v = d.getVariableExpression();
                checkType(v.getOriginType(), v.getLineNumber(), v.getColumnNumber());
            }
            d.setRightExpression(transform(d.getRightExpression()));
            return d;
        }

        private Expression binary(BinaryExpression b) {
            Expression left = transform(b.getLeftExpression());
            int op = b.getOperation().getType();
            if (op == Types.LEFT_SQUARE_BRACKET) left = guard("subscript", left, null, b);
            else if (OPERATOR_CALLS.contains(op) && !(left instanceof VariableExpression v && v.isThisExpression()))
                left = guard("receiver", left, b.getOperation().getText(), b);
            b.setLeftExpression(left);
            b.setRightExpression(transform(b.getRightExpression()));
            return b;
        }

        @Override public void visitCatchStatement(CatchStatement s) {
            ClassNode t = s.getExceptionType();
            if (!t.isDerivedFrom(ClassHelper.make(Exception.class)) && !t.equals(ClassHelper.make(Exception.class)))
                refuse("catch (" + t.getName() + "): a lab script may catch Exception and its subclasses", s.getLineNumber(), s.getColumnNumber());
            else checkType(t, s.getLineNumber(), s.getColumnNumber());
            super.visitCatchStatement(s);
        }

        @Override public void visitForLoop(ForStatement s) {
            for (Parameter v : new Parameter[] {s.getIndexVariable(), s.getValueVariable()})
                if (v != null) checkType(v.getOriginType(), s.getLineNumber(), s.getColumnNumber());
            super.visitForLoop(s);
        }

        private void checkParameters(Parameter[] ps) {
            for (Parameter p : ps) {
                checkType(p.getOriginType(), p.getLineNumber(), p.getColumnNumber());
                if (p.hasInitialExpression()) p.setInitialExpression(transform(p.getInitialExpression()));
            }
        }

        private void checkType(ClassNode type, int line, int column) {
            if (type == null || type.equals(script) || ClassHelper.isDynamicTyped(type)) return;
            ClassNode t = type;
            while (t.isArray()) t = t.getComponentType();
            if (t.equals(script)) return;
            Class<?> c = typeClass(t);
            if (c == null || !SandboxPolicy.allowedType(c)) refuse("the type " + type.getName(), line, column);
        }

        /** The class a node names, or null when it is not one the compiler could load (a class of this script). */
        private static Class<?> typeClass(ClassNode type) {
            try {
                return type.isResolved() ? type.getTypeClass() : null;
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }

        private static boolean deniedName(String name) { return SandboxPolicy.DENIED_NAMES.contains(name); }

        private static boolean isThisOrSuper(Expression e) {
            return e instanceof VariableExpression v && (v.isThisExpression() || v.isSuperExpression());
        }

        /** SandboxGuard.kind(receiver, name, line, column), at the position of at. */
        private static Expression guard(String kind, Expression receiver, String name, Expression at) {
            ArgumentListExpression args = new ArgumentListExpression(receiver);
            if (name != null) args.addExpression(new ConstantExpression(name));
            args.addExpression(new ConstantExpression(at.getLineNumber(), true));
            args.addExpression(new ConstantExpression(at.getColumnNumber(), true));
            StaticMethodCallExpression call = new StaticMethodCallExpression(ClassHelper.make(SandboxGuard.class), kind, args);
            call.setSourcePosition(receiver.getLineNumber() > 0 ? receiver : at);
            return call;
        }

        private void refuse(String what, Expression at) { refuse(what, at.getLineNumber(), at.getColumnNumber()); }

        private void refuse(String what, int line, int column) { SandboxShape.refuse(source, what, line, column); }
    }
}
