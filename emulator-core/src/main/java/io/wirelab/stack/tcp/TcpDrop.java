package io.wirelab.stack.tcp;

import java.util.Locale;

/** Why an incoming segment was dropped; counted as tcp.rx.drop.&lt;name&gt;. */
public enum TcpDrop {
    MALFORMED, BAD_CHECKSUM, BAD_PORT, NO_SOCKET, LISTEN_OVERFLOW, LISTEN_NOT_SYN,
    UNACCEPTABLE_SEQ, UNACCEPTABLE_ACK, RST_OUT_OF_WINDOW, CHALLENGE_ACK, NO_ACK_BIT,
    OLD_ACK, SYN_SENT_NO_SYN, DATA_AFTER_CLOSE, OUT_OF_BUFFER;

    public String counterName() { return "tcp.rx.drop." + name().toLowerCase(Locale.ROOT); }
}
