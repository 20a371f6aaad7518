package io.wirelab.cli;

import java.io.PrintStream;

/** The streams a command writes to (System.out/err for the launcher, buffers in tests). */
record Io(PrintStream out, PrintStream err) {}
