package io.wirelab.scripting.engine;

import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.Range;
import io.wirelab.scripting.LabScript;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.runtime.MethodClosure;

/**
 * What a sandboxed script may touch: an allow-list of types (the wirelab DSL packages as a whole, so a
 * new facade method needs no edit here, and a vetted part of the JDK and Groovy: text, numbers,
 * collections, closures, ranges, regular expressions, durations), the classes whose static members it
 * may use, the classes it may construct, and the member names it may never use on anything (reflection,
 * the meta-object protocol, processes, evaluation). Both the compile-time check and the run-time guard
 * ask this class.
 */
public final class SandboxPolicy {
    private SandboxPolicy() {}

    /** What every refusal adds, so that the user knows the way out. */
    static final String SUMMARY = "lab scripts run in a sandbox: the lab DSL, text, numbers, collections, closures;"
            + " run your own lab with --trust to lift it";

    /** Packages of the DSL and of the values its facades return; their public API is the lab's own. */
    private static final List<String> DSL_PACKAGES = List.of("io.wirelab.scripting.", "io.wirelab.devices.",
            "io.wirelab.stack.", "io.wirelab.wire.", "io.wirelab.sim.", "io.wirelab.link.", "io.wirelab.labs.units.");

    /** Parts of those packages that reach the host: the engine itself, TLS key files, the real-interface bridge. */
    private static final List<String> DSL_EXCLUDED = List.of("io.wirelab.scripting.engine.", "io.wirelab.devices.tls.",
            "io.wirelab.devices.bridge.");

    /** A value of a subtype of one of these is allowed (Collection, not Iterable: java.nio.file.Path is an Iterable). */
    private static final List<Class<?>> VALUE_SUPERTYPES = List.of(CharSequence.class, Number.class, Boolean.class,
            Character.class, Collection.class, Map.class, Map.Entry.class, Optional.class, Closure.class, Range.class,
            Duration.class, Comparator.class, LabScript.class);

    /** Allowed as they are, not their subtypes. */
    private static final Set<Class<?>> VALUE_EXACT = Set.of(Object.class, Iterable.class, Iterator.class,
            Comparable.class, Pattern.class, Matcher.class, PrintWriter.class, GString.class, Math.class, StrictMath.class,
            Collections.class, Arrays.class, Objects.class, Void.class);

    /** Classes whose public static members a script may use: {@code Math.max}, {@code Integer.MAX_VALUE}, {@code List.of}. */
    private static final Set<Class<?>> STATIC_CLASSES = Set.of(Math.class, StrictMath.class, String.class,
            Integer.class, Long.class, Double.class, Float.class, Short.class, Byte.class, Boolean.class, Character.class,
            BigDecimal.class, BigInteger.class, Collections.class, Arrays.class, Objects.class, List.class, Map.class,
            Set.class, Duration.class, Optional.class, Pattern.class);

    /** Static members of allowed classes that read the host or are not deterministic. */
    private static final Set<String> STATIC_DENIED = Set.of("getInteger", "getLong", "getBoolean", "random");

    /** Classes a script may instantiate. */
    private static final Set<Class<?>> CONSTRUCTIBLE = Set.of(Object.class, String.class, StringBuilder.class,
            ArrayList.class, LinkedList.class, HashMap.class, LinkedHashMap.class, TreeMap.class, HashSet.class,
            LinkedHashSet.class, TreeSet.class, ArrayDeque.class, PriorityQueue.class, BigDecimal.class, BigInteger.class,
            Integer.class, Long.class, Double.class, Exception.class, RuntimeException.class,
            IllegalArgumentException.class, IllegalStateException.class, UnsupportedOperationException.class,
            AssertionError.class);

    /**
     * Names never callable or readable in a sandboxed script, whatever the receiver: reflection and
     * class loading, the meta-object protocol, evaluation, processes and the script's own binding.
     */
    static final Set<String> DENIED_NAMES = Set.of("getClass", "class", "metaClass", "getMetaClass", "setMetaClass",
            "invokeMethod", "getProperty", "setProperty", "properties", "getProperties", "metaPropertyValues",
            "getMetaPropertyValues", "getMetaMethod", "getStaticMetaMethod", "respondsTo", "hasProperty", "getAt", "putAt",
            "execute", "evaluate", "binding", "getBinding", "setBinding", "forName", "classLoader", "getClassLoader",
            "newInstance", "toURL", "toURI", "asType", "use", "mixin", "withTraits", "delegate", "setDelegate",
            "getDelegate", "resolveStrategy", "setResolveStrategy", "rehydrate", "dehydrate", "addShutdownHook", "exit", "halt", "getenv", "methodMissing",
            "propertyMissing", "getAttribute", "setAttribute", "directive", "setDirective", "dump");

    /** Method names refused as calls but fine as properties ({@code r.wait}, an HTTP result's phase). */
    static final Set<String> DENIED_CALLS = Set.of("wait", "notify", "notifyAll");

    /** Names a script may not give its own methods: they would replace the script's meta-object protocol. */
    static final Set<String> DENIED_DECLARATIONS = Set.of("run", "main", "getProperty", "setProperty", "invokeMethod",
            "methodMissing", "propertyMissing", "$static_methodMissing", "$static_propertyMissing");

    private static final ClassValue<Boolean> ALLOWED = new ClassValue<>() {
        @Override protected Boolean computeValue(Class<?> c) { return computeAllowed(c); }
    };

    /** Whether a script may hold, declare, cast to and call instance members of values of this class. */
    public static boolean allowedType(Class<?> c) { return ALLOWED.get(c); }

    private static boolean computeAllowed(Class<?> c) {
        if (c.isPrimitive()) return true;
        if (c.isArray()) return allowedType(c.getComponentType());
        if (c == MethodClosure.class) return true;   // its owner is checked when it is called (SandboxGuard)
        if (VALUE_EXACT.contains(c) || inDslPackage(c) || Throwable.class.isAssignableFrom(c)) return true;
        if (c.getName().startsWith("io.wirelab.") || c.isEnum()) return false;   // builder, captures, CLI; other enums
        for (Class<?> s : VALUE_SUPERTYPES) if (s.isAssignableFrom(c)) return true;
        return false;
    }

    static boolean inDslPackage(Class<?> c) {
        String n = c.getName();
        return DSL_PACKAGES.stream().anyMatch(n::startsWith) && DSL_EXCLUDED.stream().noneMatch(n::startsWith);
    }

    /** Whether {@code c.name} or {@code c.name(...)} is allowed: a public static member of an allowed class. */
    public static boolean allowedStatic(Class<?> c, String name) {
        if (!(STATIC_CLASSES.contains(c) || inDslPackage(c)) || STATIC_DENIED.contains(name) || DENIED_NAMES.contains(name))
            return false;
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Method m : k.getDeclaredMethods())
                if (isPublicStatic(m.getModifiers()) && (m.getName().equals(name) || isGetterOf(m, name))) return true;
            for (Field f : k.getDeclaredFields())
                if (isPublicStatic(f.getModifiers()) && f.getName().equals(name)) return true;
        }
        return false;
    }

    public static boolean constructible(Class<?> c) { return CONSTRUCTIBLE.contains(c); }

    private static boolean isPublicStatic(int mod) { return Modifier.isPublic(mod) && Modifier.isStatic(mod); }

    private static boolean isGetterOf(Method m, String property) {
        if (property.isEmpty() || m.getParameterCount() != 0) return false;
        String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        return m.getName().equals("get" + cap) || m.getName().equals("is" + cap);
    }
}
