package org.nestguard.agent.platform.linux;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The 512-byte ASCII header of a ClamAV database file (.cvd or .cld):
 * {@code ClamAV-VDB:14 Nov 2025 09-27 +0000:27823:2078451:90:md5:signature:builder:time}, padded with spaces.
 *
 * @param built      the build time
 * @param version    the database version (27823)
 * @param signatures the number of signatures
 */
public record CvdHeader(Instant built, int version, long signatures) {
    static final int SIZE = 512;
    private static final DateTimeFormatter BUILD_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH-mm Z", Locale.ENGLISH);

    /** Parses the header; the exception message says what part was wrong. */
    public static CvdHeader parse(byte[] file) {
        String header = new String(file, 0, Math.min(SIZE, file.length), StandardCharsets.US_ASCII).strip();
        String[] fields = header.split(":");
        if (fields.length < 4 || !fields[0].equals("ClamAV-VDB")) {
            throw new IllegalArgumentException("not a ClamAV-VDB header: "
                    + header.substring(0, Math.min(40, header.length())));
        }
        try {
            Instant built = OffsetDateTime.parse(fields[1].strip(), BUILD_TIME).toInstant();
            return new CvdHeader(built, Integer.parseInt(fields[2].strip()), Long.parseLong(fields[3].strip()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("build time '" + fields[1] + "' is not 'd MMM yyyy HH-mm Z'", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version or signature count is not a number: " + fields[2] + ", " + fields[3], e);
        }
    }
}
