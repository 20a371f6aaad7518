package io.wirelab.scripting.engine;

import groovy.lang.Closure;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * The run-time half of the sandbox, for what the compile-time check cannot see (dynamic dispatch):
 * sandboxed code calls these on the receiver of every call, property access, method pointer,
 * subscript and operator, and they let it through unchanged or throw {@link SandboxViolation}.
 */
public final class SandboxGuard {
    private SandboxGuard() {}

    /** {@code receiver.name(...)}, {@code receiver.name}, {@code receiver.&name}, {@code receiver << x}. */
    public static Object receiver(Object receiver, String name, int line, int column) {
        check(receiver, name, line, column);
        return receiver;
    }

    /** {@code receiver*.name}: the collection and each of its elements. */
    public static Object spread(Object receiver, String name, int line, int column) {
        check(receiver, name, line, column);
        if (receiver instanceof Iterable<?> items) for (Object item : items) check(item, name, line, column);
        else if (receiver instanceof Object[] items) for (Object item : items) check(item, name, line, column);
        return receiver;
    }

    /** {@code receiver[i]}: Groovy routes a subscript on other objects to their properties. */
    public static Object subscript(Object receiver, int line, int column) {
        check(receiver, "[]", line, column);
        if (receiver == null || receiver instanceof List<?> || receiver instanceof Map<?, ?> || receiver instanceof Collection<?>
                || receiver instanceof CharSequence || receiver instanceof Matcher || receiver.getClass().isArray()
                || declaresSubscript(receiver.getClass()))
            return receiver;
        throw refused("[] on " + receiver.getClass().getName(), line, column);
    }

    private static void check(Object receiver, String name, int line, int column) {
        if (receiver == null) return;
        if (SandboxPolicy.DENIED_NAMES.contains(name))
            throw refused(name, line, column);
        if (receiver instanceof Class<?> c) {
            if (!SandboxPolicy.allowedStatic(c, name))
                throw refused(c.getName() + "." + name, line, column);
            return;
        }
        Class<?> type = receiver.getClass();
        if (!SandboxPolicy.allowedType(type))
            throw refused(type.getName() + "." + name, line, column);
        if (receiver instanceof MethodClosure mc) {
            if (SandboxPolicy.DENIED_CALLS.contains(mc.getMethod())) throw refused(mc.getMethod(), line, column);
            check(mc.getOwner(), mc.getMethod(), line, column);
        }
        else if (receiver instanceof Closure<?> cl && cl.getDelegate() != null && cl.getDelegate() != cl.getOwner())
            check(cl.getDelegate(), name, line, column);
    }

    private static SandboxViolation refused(String what, int line, int column) {
        return new SandboxViolation("not allowed in lab scripts: " + what + " (" + SandboxPolicy.SUMMARY + ")", line, column);
    }

    private static boolean declaresSubscript(Class<?> c) {
        if (!SandboxPolicy.inDslPackage(c)) return false;
        for (var m : c.getMethods()) if (m.getName().equals("getAt") || m.getName().equals("putAt")) return true;
        return false;
    }
}
