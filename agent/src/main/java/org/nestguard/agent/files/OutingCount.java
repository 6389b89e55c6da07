package org.nestguard.agent.files;

import java.io.IOException;
import java.util.List;
import org.nestguard.protocol.files.MediaCount;

/** Counts the photos and videos in every account's camera folders, for outing readiness. */
public interface OutingCount {
    List<MediaCount> count() throws IOException;
}
