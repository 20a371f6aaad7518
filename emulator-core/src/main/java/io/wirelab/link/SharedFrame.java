package io.wirelab.link;

import io.wirelab.buffer.Frame;

import java.util.function.Function;

/**
 * One frame a flood delivers to many ports at once: the receivers share it, and whatever they parse
 * out of it (parsed()) is computed once for all of them, not once per port.
 */
public final class SharedFrame {
    private final Frame frame;
    private Function<Frame, ?> parser;
    private Object parsed;

    SharedFrame(Frame frame) { this.frame = frame; }

    public Frame frame() { return frame; }

    /** parser's result for this frame, computed by the first receiver that asks and kept for the others. */
    @SuppressWarnings("unchecked")   // the result was made by this very parser
    public <T> T parsed(Function<Frame, T> parser) {
        if (this.parser != parser) {
            parsed = parser.apply(frame);
            this.parser = parser;
        }
        return (T) parsed;
    }
}
