package io.wirelab.cli.daemon;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.IntConsumer;

/**
 * A handler for a POSIX signal through the JDK's sun.misc.Signal (module jdk.unsupported), reached by
 * reflection as JLine reaches it, since javac warns at every direct use.
 */
final class SignalHandling {
    private SignalHandling() {}

    /** Runs action (with the signal's number) on the JVM's signal thread for each signal name; false when it cannot. */
    static boolean handle(String name, IntConsumer action) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handler = Class.forName("sun.misc.SignalHandler");
            Method number = signal.getMethod("getNumber");
            Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (self, method, args) -> {
                if (method.getName().equals("handle")) {
                    action.accept((int) number.invoke(args[0]));
                    return null;
                }
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "wirelab signal handler";
                };
            });
            signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;   // -Xrs or no such signal: left as it is
        }
    }
}
