package io.wirelab.labs.build;

/** A valid lab description that could not be turned into a running lab (output directory, services). */
public final class LabBuildException extends RuntimeException {
    @java.io.Serial private static final long serialVersionUID = 1L;
    public LabBuildException(String message, Throwable cause) { super(message, cause); }
    public LabBuildException(String message) { super(message); }
}
