package io.wirelab.console;

import groovy.lang.GroovyObject;
import groovy.lang.GroovyObjectSupport;
import groovy.lang.MetaMethod;
import groovy.lang.Script;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * What the console offers after {@code x.}: the public methods and properties of a class, with
 * Groovy extension methods (units, PingResult extras), without Object's and Groovy's plumbing.
 * Facades gain completion for new DSL methods by declaring them; nothing is registered here.
 */
public final class DslMembers {
    private static final Set<String> HIDDEN = Set.of("getMetaClass", "setMetaClass", "invokeMethod", "getProperty",
            "setProperty", "getClass", "hashCode", "equals", "toString", "wait", "notify", "notifyAll");

    private DslMembers() {}

    /** Method names (without getters of properties), sorted. A getter that takes arguments is a method. */
    public static Set<String> methods(Class<?> type) {
        Set<String> getters = getters(type);
        Set<String> out = new TreeSet<>();
        for (String m : allMethods(type)) if (propertyOf(m) == null || !getters.contains(m)) out.add(m);
        return out;
    }

    /** Property names (getX/isX without arguments, and record components), sorted: each reads as x.name. */
    public static Set<String> properties(Class<?> type) {
        Set<String> out = new TreeSet<>();
        if (type.isRecord()) for (var rc : type.getRecordComponents()) out.add(rc.getName());
        for (String m : getters(type)) out.add(propertyOf(m));
        return out;
    }

    /** Public instance getX()/isX() methods without parameters (isX returning boolean), by method name. */
    private static Set<String> getters(Class<?> type) {
        Set<String> out = new TreeSet<>();
        for (String name : allMethods(type)) {
            if (propertyOf(name) == null) continue;
            for (Method m : type.getMethods())
                if (m.getName().equals(name) && m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                        && (!name.startsWith("is") || m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) out.add(name);
        }
        return out;
    }

    /** The static type of property name on type (getter return type or record component), or null. */
    public static Class<?> propertyType(Class<?> type, String name) {
        String cap = name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) continue;
            if (m.getName().equals("get" + cap) || m.getName().equals("is" + cap) || m.getName().equals(name))
                return m.getReturnType();
        }
        return null;
    }

    private static Set<String> allMethods(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method m : type.getMethods()) {
            Class<?> d = m.getDeclaringClass();
            if (d == Object.class || d == Script.class || d == GroovyObjectSupport.class || d == GroovyObject.class
                    || Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.getName().contains("$")) continue;
            if (HIDDEN.contains(m.getName()) || isPropertyHook(m)) continue;
            names.add(m.getName());
        }
        for (MetaMethod mm : InvokerHelper.getMetaClass(type).getMetaMethods())
            if (mm.getDeclaringClass().getTheClass() == type || mm.getDeclaringClass().getTheClass().isAssignableFrom(type)) {
                String n = mm.getName();
                if (isDslExtension(mm)) names.add(n);
            }
        return names;
    }

    /** Object get(String): Groovy's hook for x.anyName (lab.pc1), not a method to offer; HttpFacade.get(url) is one. */
    private static boolean isPropertyHook(Method m) {
        return m.getName().equals("get") && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class && m.getReturnType() == Object.class;
    }

    /** Extension methods from wirelab's own extension classes only (not the hundreds of Groovy's GDK). */
    private static boolean isDslExtension(MetaMethod mm) {
        String owner = mm.getClass().getName() + " " + mm;
        return owner.contains("io.wirelab.");
    }

    private static String propertyOf(String method) {
        String p = method.startsWith("get") && method.length() > 3 ? method.substring(3)
                : method.startsWith("is") && method.length() > 2 && Character.isUpperCase(method.charAt(2)) ? method.substring(2) : null;
        if (p == null || !Character.isUpperCase(p.charAt(0))) return null;
        return p.length() > 1 && Character.isUpperCase(p.charAt(1)) ? p : p.substring(0, 1).toLowerCase(Locale.ROOT) + p.substring(1);
    }
}
