package io.wirelab.devices.stream;

import java.util.function.Consumer;

/** Accepts server streams on a port (TCP listen). */
public interface StreamListener {
    void listen(int port, Consumer<ByteStream> onAccept);
}
