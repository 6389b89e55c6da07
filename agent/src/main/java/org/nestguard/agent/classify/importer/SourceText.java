package org.nestguard.agent.classify.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an imported file's lines in the encoding it is in: UTF-8 when every byte of it is valid UTF-8, else
 * ISO-8859-1 (e2guardian's European lists are Latin-1), which can decode any byte. A UTF-8 byte-order mark is
 * dropped. Lines are streamed, so a list of millions of lines is never held as text.
 */
final class SourceText {
    /** Receives each line, numbered from 1. */
    interface Lines {
        void line(int number, String text) throws IOException;
    }

    private SourceText() {
    }

    /** Streams the lines of {@code file}; returns the charset used. */
    static Charset read(Path file, Lines lines) throws IOException {
        Charset charset = isUtf8(file) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset),
                1 << 16)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                if (number == 0 && line.startsWith("\ufeff")) {
                    line = line.substring(1);
                }
                lines.line(++number, line);
            }
        }
        return charset;
    }

    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[1 << 16];
        ByteBuffer in = ByteBuffer.allocate(buffer.length + 8);
        CharBuffer out = CharBuffer.allocate(buffer.length + 8);
        try (InputStream stream = Files.newInputStream(file)) {
            int read;
            while ((read = stream.read(buffer)) > 0) {
                in.put(buffer, 0, read).flip();
                if (decoder.decode(in, out, false).isError()) {
                    return false;
                }
                in.compact();
                out.clear();
            }
            in.flip();
            return !decoder.decode(in, out, true).isError() && !decoder.flush(out).isError();
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
