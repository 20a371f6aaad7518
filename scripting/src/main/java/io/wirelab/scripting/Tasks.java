package io.wirelab.scripting;

import groovy.lang.Closure;
import io.wirelab.labs.run.Lab;
import io.wirelab.labs.run.LabTimeoutException;
import io.wirelab.sim.Scheduled;
import io.wirelab.sim.Simulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The script's tasks ({@code lab.spawn}, {@code lab.at}, {@code lab.every}, {@code onAccept}) in virtual
 * time. Each task is a virtual thread, but a strict baton decides who runs: a task runs only inside a
 * simulator event, while the thread that runs the simulator waits for it; when the task must wait (a
 * socket, a sleep) it hands the baton back and the simulator goes on. So exactly one thread runs at any
 * moment, tasks resume in the simulator's (time, sequence) order, and a run is the same whatever the JVM's
 * scheduler does.
 */
final class Tasks {
    private final Lab lab;
    private final Simulator sim;
    private final List<ScriptTask> live = new ArrayList<>();
    private ScriptTask running;
    private int started;

    Tasks(Lab lab) {
        this.lab = lab;
        this.sim = lab.simulator();
    }

    /** A task that starts at the current lab time, when the simulator next runs. */
    ScriptTask spawn(String name, Closure<?> body, Object... args) {
        ScriptTask t = create(name, body, args);
        sim.after(0, () -> resume(t));
        return t;
    }

    /** A task that starts at lab time atNanos. */
    ScriptTask spawnAt(long atNanos, String name, Closure<?> body) {
        ScriptTask t = create(name, body);
        sim.at(atNanos, () -> resume(t));
        return t;
    }

    /** A task started now, inside the current simulator event (used by lab.at and lab.every). */
    ScriptTask startHere(String name, Closure<?> body) {
        ScriptTask t = create(name, body);
        resume(t);
        return t;
    }

    private ScriptTask create(String name, Closure<?> body, Object... args) {
        ScriptTask t = new ScriptTask(++started, name == null ? "task " + (started) : name, body, args, this);
        live.add(t);
        return t;
    }

    /** Whether the calling thread is a task (then waits park it instead of running the simulator). */
    boolean inTask() { return running != null && running.thread() == Thread.currentThread(); }

    ScriptTask current() { return inTask() ? running : null; }

    /**
     * Waits for f: from the script's own thread by running the simulator, from a task by parking it until
     * f completes or timeoutNanos of virtual time pass. what says what was awaited, for the timeout message.
     */
    <T> T await(CompletableFuture<T> f, long timeoutNanos, Supplier<String> what) {
        if (!inTask()) return lab.await(f, timeoutNanos, what);
        if (!f.isDone()) {
            ScriptTask t = running;
            long token = t.newWait();
            Scheduled timer = sim.after(timeoutNanos, () -> { if (t.isWaiting(token)) { t.timedOut = true; resume(t); } });
            f.whenComplete((v, e) -> sim.after(0, () -> { if (t.isWaiting(token)) { timer.cancel(); resume(t); } }));
            t.park();
            if (t.timedOut) {
                t.timedOut = false;
                throw new LabTimeoutException(t.name() + ": " + Lab.timeoutMessage(timeoutNanos, sim.now()) + ": " + what.get(),
                        timeoutNanos, sim.now());
            }
        }
        return Lab.valueOf(f);
    }

    /** Lets d of virtual time pass: the script runs the lab, a task sleeps. */
    void sleep(long nanos) {
        if (!inTask()) {
            lab.run(nanos);
            return;
        }
        CompletableFuture<Void> wake = new CompletableFuture<>();
        sim.after(nanos, () -> wake.complete(null));
        await(wake, nanos + 1, () -> "sleep");
    }

    /** Hands the baton to t and waits until it waits again or ends; a task's failure fails the run here. */
    void resume(ScriptTask t) {
        ScriptTask previous = running;
        running = t;
        try {
            t.runUntilItWaits();
        } finally {
            running = previous;
        }
        if (t.isDone()) live.remove(t);
        if (t.failure() != null && !t.ending()) throw new TaskFailedException(t);
    }

    /** Ends every task still waiting (the script ended or the lab is rebuilt); they never run again. */
    void endAll() {
        for (ScriptTask t : List.copyOf(live)) {
            t.end();
            if (t.hasStarted() && !t.isDone()) resume(t);
            live.remove(t);
        }
    }

    /** The tasks that have not finished, in start order. */
    List<ScriptTask> live() { return List.copyOf(live); }

    /** A task failed; the script fails with its message and line. */
    static final class TaskFailedException extends RuntimeException {
        @java.io.Serial private static final long serialVersionUID = 1L;
        private final String task;

        /** Without a stack of its own, so the script's line is the task's, from the cause. */
        TaskFailedException(ScriptTask t) {
            super(t.name() + " failed: " + FailureMessages.unwrap(t.failure()).getMessage(), t.failure(), false, false);
            this.task = t.name();
        }

        String task() { return task; }
    }
}
