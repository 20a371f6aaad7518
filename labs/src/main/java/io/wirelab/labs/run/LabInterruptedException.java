package io.wirelab.labs.run;

/** A wait on the lab stopped early because someone called simulator().requestStop() (Ctrl-C in the console). */
public final class LabInterruptedException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public LabInterruptedException(String message) { super(message); }
}
