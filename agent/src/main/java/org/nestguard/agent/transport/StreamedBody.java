package org.nestguard.agent.transport;

import java.io.IOException;
import java.io.OutputStream;

/** A request body written as it is sent, so its size never has to fit in memory. */
@FunctionalInterface
public interface StreamedBody {
    void writeTo(OutputStream out) throws IOException;
}
