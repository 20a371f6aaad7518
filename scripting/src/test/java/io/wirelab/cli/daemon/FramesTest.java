package io.wirelab.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The daemon's framing, its request, and the order and end of a command's output as frames. */
class FramesTest {
    @Test void frames_roundTrip_inOrder_andEndBetweenFrames() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames.Writer w = new Frames.Writer(wire);
        w.write(Frames.RUNNING);
        w.write(Frames.STDOUT, "héllo\n".getBytes(StandardCharsets.UTF_8));
        w.writeInt(Frames.EXIT, 3);
        byte[] bytes = wire.toByteArray();
        assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly('R', 0, 0, 0, 0);
        Frames.Reader r = new Frames.Reader(new ByteArrayInputStream(bytes));
        assertThat(r.read().type()).isEqualTo(Frames.RUNNING);
        Frames.Frame out = r.read();
        assertThat(out.type()).isEqualTo(Frames.STDOUT);
        assertThat(out.text()).isEqualTo("héllo\n");
        assertThat(r.read().intValue()).isEqualTo(3);
        assertThat(r.read()).isNull();
    }

    @Test void aFrameCutShort_orOfAbsurdLength_isAnError() {
        byte[] cut = {'O', 0, 0, 0, 9, 'a', 'b'};
        assertThatThrownBy(() -> new Frames.Reader(new ByteArrayInputStream(cut)).read()).isInstanceOf(EOFException.class);
        byte[] huge = {'O', 0x7f, 0, 0, 0};
        assertThatThrownBy(() -> new Frames.Reader(new ByteArrayInputStream(huge)).read()).hasMessageContaining("bytes");
        byte[] negative = {'O', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe};
        assertThatThrownBy(() -> new Frames.Reader(new ByteArrayInputStream(negative)).read()).hasMessageContaining("-2 bytes");
        assertThatThrownBy(() -> new Frames.Frame(Frames.EXIT, new byte[3]).intValue()).hasMessageContaining("4 bytes expected");
    }

    @Test void request_roundTrips_withNullEncodings() throws IOException {
        Request q = new Request(Frames.PROTOCOL, "abc", List.of("run", "lab ü.yaml", ""), true, "UTF-8", null);
        assertThat(Request.decode(q.encode())).isEqualTo(q);
    }

    @Test void aRequestOfAnotherProtocol_decodesToItsVersionOnly() throws IOException {
        byte[] other = ByteBuffer.allocate(8).putInt(Frames.PROTOCOL + 1).putInt(77).array();
        Request q = Request.decode(other);
        assertThat(q.protocol()).isEqualTo(Frames.PROTOCOL + 1);
        assertThat(q.args()).isEmpty();
    }

    @Test void aRequestWithTrailingBytes_isRefused() throws IOException {
        byte[] good = new Request(Frames.PROTOCOL, "k", List.of("labs"), false, null, null).encode();
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> Request.decode(longer)).hasMessageContaining("trailing");
    }

    /**
     * Streams built as the daemon builds a command's System.out and System.err (as the JVM builds its own:
     * 128-byte buffer, autoflush, which flushes at every print): each print is one frame, in the order made.
     */
    @Test void stdoutAndStderr_keepTheirOrder_asTheJvmWouldWriteThem() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames.Writer w = new Frames.Writer(wire);
        PrintStream out = new PrintStream(new BufferedOutputStream(w.stream(Frames.STDOUT), 128), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new BufferedOutputStream(w.stream(Frames.STDERR), 128), true, StandardCharsets.UTF_8);
        out.println("one");
        err.println("two");
        out.print("thr");
        err.print("four\n");
        out.write('e');   // a single byte stays in the buffer until the next flush
        out.println("e");
        List<String> seen = new ArrayList<>();
        Frames.Reader r = new Frames.Reader(new ByteArrayInputStream(wire.toByteArray()));
        for (Frames.Frame f; (f = r.read()) != null; ) seen.add((char) f.type() + f.text());
        assertThat(seen).containsExactly("Oone\n", "Etwo\n", "Othr", "Efour\n", "Oee\n");
    }

    @Test void aLargeWrite_isCutIntoChunks_inOrder() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[] big = new byte[Frames.CHUNK * 2 + 5];
        for (int i = 0; i < big.length; i++) big[i] = (byte) i;
        new Frames.Writer(wire).stream(Frames.STDOUT).write(big);
        Frames.Reader r = new Frames.Reader(new ByteArrayInputStream(wire.toByteArray()));
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<Integer> lengths = new ArrayList<>();
        for (Frames.Frame f; (f = r.read()) != null; ) {
            lengths.add(f.payload().length);
            joined.write(f.payload());
        }
        assertThat(lengths).containsExactly(Frames.CHUNK, Frames.CHUNK, 5);
        assertThat(joined.toByteArray()).isEqualTo(big);
    }

    /** The exit frame ends the exchange: whoever sends it first wins (the command, or the daemon ending it), and later output is dropped. */
    @Test void last_isSentOnce_andDropsWhatFollows() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Frames.Writer w = new Frames.Writer(wire);
        assertThat(w.last(Frames.EXIT, ByteBuffer.allocate(4).putInt(130).array())).isTrue();
        assertThat(w.last(Frames.EXIT, ByteBuffer.allocate(4).putInt(0).array())).isFalse();
        w.write(Frames.STDOUT, "late".getBytes(StandardCharsets.UTF_8));
        Frames.Reader r = new Frames.Reader(new ByteArrayInputStream(wire.toByteArray()));
        assertThat(r.read().intValue()).isEqualTo(130);
        assertThat(r.read()).isNull();
    }

    @Test void aWriteToAPeerThatIsGone_failsEveryLaterWriteToo() {
        Frames.Writer w = new Frames.Writer(new java.io.OutputStream() {
            @Override public void write(int b) throws IOException { throw new IOException("Broken pipe"); }
        });
        assertThatThrownBy(() -> w.write(Frames.STDOUT, new byte[] {1})).hasMessage("Broken pipe");
        assertThatThrownBy(() -> w.write(Frames.STDERR, new byte[] {2})).hasMessage("Broken pipe");
        assertThat(w.last(Frames.EXIT, new byte[4])).isTrue();   // nothing more to tell, but the exchange is over
    }
}
