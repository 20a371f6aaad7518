package io.wirelab.scripting.engine;

import groovy.lang.GroovySystem;

/**
 * Starts Groovy's runtime on a thread of its own: its metaclass registry (every DefaultGroovyMethods
 * method and extension module of the class path) and the invokedynamic support compiled scripts call
 * through, so that the second core does it while {@code wirelab run} parses its arguments, reads and
 * builds the lab. {@link GroovyEngine} waits for it before its own first use of Groovy: two threads
 * running Groovy's static initialisers at once could deadlock on each other's class.
 */
public final class GroovyRuntimeStart {
    private static Thread starting;

    private GroovyRuntimeStart() {}

    /** Once per JVM; a JVM that never asks (tests, the daemon after its first command) starts Groovy where it is first used. */
    public static synchronized void inBackground() {
        if (starting == null) starting = Thread.ofPlatform().daemon().name("wirelab-groovy-start").start(GroovyRuntimeStart::start);
    }

    /** Returns once the runtime started in the background is ready (at once when none was started). */
    static void await() {
        Thread thread;
        synchronized (GroovyRuntimeStart.class) { thread = starting; }
        if (thread == null || thread == Thread.currentThread()) return;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    private static void start() {
        GroovySystem.getMetaClassRegistry();
        try {
            Class.forName("org.codehaus.groovy.vmplugin.v8.IndyInterface", true, GroovyRuntimeStart.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            // another Groovy version: the first script call site starts it instead
        }
    }
}
