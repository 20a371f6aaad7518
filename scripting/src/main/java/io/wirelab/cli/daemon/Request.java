package io.wirelab.cli.daemon;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;

/**
 * One command for the daemon: the key the client computed (the daemon runs only its own), the
 * arguments, whether the client's stderr is a terminal (the progress line) and the encodings its JVM
 * chose for stdout and stderr (null: the platform's).
 */
public record Request(int protocol, String key, List<String> args, boolean stderrTty, String stdoutEncoding, String stderrEncoding) {
    public Request {
        args = List.copyOf(args);
    }

    public byte[] encode() throws IOException {
        return Frames.bytes(out -> {
            out.writeInt(protocol);
            Frames.writeString(out, key);
            out.writeInt(args.size());
            for (String a : args) Frames.writeString(out, a);
            out.writeBoolean(stderrTty);
            Frames.writeString(out, stdoutEncoding);
            Frames.writeString(out, stderrEncoding);
        });
    }

    public static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int protocol = in.readInt();
        if (protocol != Frames.PROTOCOL) return new Request(protocol, "", List.of(), false, null, null);
        String key = Frames.readString(in);
        int n = in.readInt();
        if (n < 0 || n > 10_000) throw new IOException(n + " arguments");
        String[] args = new String[n];
        for (int i = 0; i < n; i++) {
            args[i] = Frames.readString(in);
            if (args[i] == null) throw new IOException("a null argument");
        }
        boolean tty = in.readBoolean();
        String stdoutEncoding = Frames.readString(in), stderrEncoding = Frames.readString(in);
        Frames.requireEnd(in);
        return new Request(protocol, key, List.of(args), tty, stdoutEncoding, stderrEncoding);
    }
}
