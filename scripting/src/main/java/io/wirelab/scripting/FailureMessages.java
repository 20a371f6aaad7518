package io.wirelab.scripting;

import groovy.lang.MetaMethod;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import io.wirelab.labs.run.LabInterruptedException;
import io.wirelab.labs.run.LabTimeoutException;
import io.wirelab.labs.yaml.DidYouMean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.InvokerInvocationException;

/**
 * The one-line message a failure in a lab script shows instead of a stack trace: unknown names and
 * methods with "did you mean", wrong arguments with the overloads, plain messages for lab errors,
 * a failed assert with Groovy's power-assert text.
 */
public final class FailureMessages {
    private FailureMessages() {}

    /** The message for thrown by code compiled with the {@link LabScript} base class, run against lab. */
    public static String describe(Throwable thrown, LabFacade lab) {
        Throwable t = unwrap(thrown);
        if (t instanceof Tasks.TaskFailedException f) return f.task() + " failed: " + describe(f.getCause(), lab);
        if (t instanceof AssertionError) {
            String text = t.getMessage();
            return "assertion failed" + (text != null && !text.isBlank() ? "\n" + text.stripTrailing() : "");
        }
        return describeUnwrapped(t, lab);
    }

    /** The exception a script threw, out of Groovy's and the JDK's invocation wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof InvokerInvocationException || t instanceof InvocationTargetException
                || t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        return t;
    }

    private static String describeUnwrapped(Throwable t, LabFacade lab) {
        if (t instanceof MissingPropertyException mpe && mpe.getProperty() != null) {
            String name = mpe.getProperty();
            if (mpe.getType() == null || LabScript.class.isAssignableFrom(mpe.getType()))
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
            if (type == null || LabScript.class.isAssignableFrom(type)) {
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
