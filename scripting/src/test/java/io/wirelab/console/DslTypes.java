package io.wirelab.console;

import io.wirelab.scripting.DeviceFacade;
import io.wirelab.scripting.HostFacade;
import io.wirelab.scripting.LabFacade;
import io.wirelab.scripting.LabScript;
import io.wirelab.scripting.RouterFacade;
import io.wirelab.scripting.SwitchFacade;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The wirelab types a console user can reach from the device variables and lab, through properties and method results. */
final class DslTypes {
    private DslTypes() {}

    static Set<Class<?>> reachable() {
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(LabScript.class, LabFacade.class, DeviceFacade.class, HostFacade.class,
                SwitchFacade.class, RouterFacade.class));
        while (!todo.isEmpty()) {
            Class<?> t = todo.poll();
            if (!seen.add(t)) continue;
            for (Method m : t.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class || m.getName().contains("$")) continue;
                if (!DslMembers.methods(t).contains(m.getName()) && !DslMembers.properties(t).contains(property(m.getName()))) continue;
                collect(m.getGenericReturnType(), todo);
            }
        }
        seen.removeIf(t -> t.isInterface() || groovy.lang.Script.class.isAssignableFrom(t));
        return seen;
    }

    private static String property(String getter) {
        String p = getter.startsWith("get") ? getter.substring(3) : getter.startsWith("is") ? getter.substring(2) : getter;
        return p.isEmpty() ? p : Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    private static void collect(Type type, Deque<Class<?>> todo) {
        if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), todo);
            for (Type a : p.getActualTypeArguments()) collect(a, todo);
        } else if (type instanceof Class<?> c && !c.isPrimitive() && c.getName().startsWith("io.wirelab.")) {
            todo.add(c.isArray() ? c.getComponentType() : c);
        }
    }

    /** A record or enum (Java prints their fields or name), or a class with a toString of its own. */
    static boolean printsReadably(Class<?> type) {
        if (type.isRecord() || type.isEnum()) return true;
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
