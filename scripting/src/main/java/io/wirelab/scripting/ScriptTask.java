package io.wirelab.scripting;

import groovy.lang.Closure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A task of the script ({@code def t = lab.spawn { ... }}): {@code t.join()} waits for its end and
 * returns the closure's value, {@code t.done}, {@code t.name}. It runs only while the simulator hands it
 * the baton (see {@link Tasks}); its waits are in virtual time.
 */
public final class ScriptTask {
    private final int id;
    private final String name;
    private final Closure<?> body;
    private final Object[] args;
    private final Tasks tasks;
    private final Semaphore go = new Semaphore(0);
    private final Semaphore back = new Semaphore(0);
    private final CompletableFuture<Object> completion = new CompletableFuture<>();
    private Thread thread;
    private long waitToken;
    private boolean waiting;
    private boolean ending;
    private Throwable failure;
    boolean timedOut;

    ScriptTask(int id, String name, Closure<?> body, Object[] args, Tasks tasks) {
        this.id = id;
        this.name = name;
        this.body = body;
        this.args = args;
        this.tasks = tasks;
    }

    public String getName() { return name; }
    /** Whether the closure has returned or thrown. */
    public boolean isDone() { return completion.isDone(); }

    /** Waits (in virtual time, 10 min at most) until the task ends, and returns the closure's value; rethrows its failure. */
    public Object join() {
        return tasks.await(completion, 600_000_000_000L, () -> name + " has not ended");
    }

    String name() { return name; }
    Thread thread() { return thread; }
    Throwable failure() { return failure; }
    boolean ending() { return ending; }
    boolean hasStarted() { return thread != null; }

    long newWait() {
        waiting = true;
        return ++waitToken;
    }

    boolean isWaiting(long token) { return waiting && waitToken == token; }

    /** On the simulator's thread: runs the task until it waits or ends. */
    void runUntilItWaits() {
        if (completion.isDone()) return;
        waiting = false;
        if (thread == null) thread = Thread.ofVirtual().name("wirelab-task-" + id).start(this::body);
        go.release();
        back.acquireUninterruptibly();
    }

    /** On the task's thread: gives the baton back and waits for it. */
    void park() {
        if (ending) throw new TaskEnded();
        back.release();
        go.acquireUninterruptibly();
        if (ending) throw new TaskEnded();
    }

    /** The task will not run again: its next resume unwinds it. */
    void end() { ending = true; }

    private void body() {
        go.acquireUninterruptibly();
        try {
            if (ending) throw new TaskEnded();
            completion.complete(body.call(args));
        } catch (TaskEnded e) {
            completion.cancel(false);
        } catch (Throwable t) {
            failure = t;
            completion.completeExceptionally(t);
        } finally {
            back.release();
        }
    }

    @Override public String toString() { return name + (isDone() ? " (done)" : ""); }

    /** Unwinds a task the script no longer waits for; an Error, so a script's catch (Exception) does not stop it. */
    static final class TaskEnded extends Error {
        @java.io.Serial private static final long serialVersionUID = 1L;

        TaskEnded() { super("task ended with the script", null, false, false); }
    }
}
