package org.nestguard.agent.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nestguard.protocol.files.FileKind;

class KindSnifferTest {
    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void magicNumbersDecideOverTheName() {
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10), "homework.txt"));
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), "a"));
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(ascii("GIF89a...."), "x.bin"));
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(ascii("RIFF\0\0\0\0WEBPVP8 "), "x"));
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(ascii("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"), "IMG_1.x"));
        assertEquals(FileKind.VIDEO, KindSniffer.kindOf(ascii("\0\0\0\u0018ftypmp42\0\0\0\0isommp42"), "clip"));
        assertEquals(FileKind.VIDEO, KindSniffer.kindOf(ascii("\0\0\0\u0014ftypqt  \0\0\0\0qt  "), "IMG_2.MOV"));
        assertEquals(FileKind.OTHER, KindSniffer.kindOf(ascii("\0\0\0\u0018ftypM4A \0\0\0\0"), "song.m4a"));
        assertEquals(FileKind.VIDEO, KindSniffer.kindOf(ascii("RIFF\0\0\0\0AVI LIST"), "a"));
        assertEquals(FileKind.VIDEO, KindSniffer.kindOf(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F), "a.bin"));
        assertEquals(FileKind.DOCUMENT, KindSniffer.kindOf(ascii("%PDF-1.7\n"), "scan.jpg"));
        assertEquals(FileKind.DOCUMENT, KindSniffer.kindOf(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
                "report.doc"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
                "setup.msi"));
        assertEquals(FileKind.DOCUMENT, KindSniffer.kindOf(ascii("PK\u0003\u0004\u0014\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
                + "\0\0\0\0\0\u0013\0\0\0[Content_Types].xml"), "a.zip"));
        assertEquals(FileKind.DOCUMENT, KindSniffer.kindOf(ascii("PK\u0003\u0004" + "\0".repeat(26)
                + "mimetypeapplication/vnd.oasis.opendocument.text"), "notes"));
        assertEquals(FileKind.ARCHIVE, KindSniffer.kindOf(ascii("PK\u0003\u0004" + "\0".repeat(26) + "photos/a.jpg"),
                "photos.zip"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(ascii("PK\u0003\u0004" + "\0".repeat(26)
                + "META-INF/MANIFEST.MF"), "game"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(bytes(0x7F, 'E', 'L', 'F', 2, 1, 1), "photo.jpg"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(ascii("MZ\u0090\0"), "holiday.jpg"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(bytes(0xCF, 0xFA, 0xED, 0xFE, 7, 0, 0, 1), "tool"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(bytes(0xCA, 0xFE, 0xBA, 0xBE, 0, 0, 0, 2), "Tool"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(ascii("#!/bin/sh\necho hi\n"), "run-me"));
        assertEquals(FileKind.ARCHIVE, KindSniffer.kindOf(bytes('7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4), "a"));
        assertEquals(FileKind.ARCHIVE, KindSniffer.kindOf(ascii("Rar!\u001A\u0007\u0001\0"), "a.jpg"));
        assertEquals(FileKind.ARCHIVE, KindSniffer.kindOf(bytes(0x1F, 0x8B, 8, 0), "a"));
        byte[] tar = new byte[512];
        System.arraycopy(ascii("ustar"), 0, tar, 257, 5);
        assertEquals(FileKind.ARCHIVE, KindSniffer.kindOf(tar, "backup"));
    }

    @Test
    void theNameDecidesWhenTheBytesSayNothing() {
        assertEquals(FileKind.DOCUMENT, KindSniffer.kindOf(ascii("Dear parents,"), "letter.TXT"));
        assertEquals(FileKind.EXECUTABLE, KindSniffer.kindOf(ascii("@echo off"), "start.bat"));
        assertEquals(FileKind.IMAGE, KindSniffer.kindOf(new byte[0], "empty.jpg"));
        assertEquals(FileKind.OTHER, KindSniffer.kindOf(ascii("hello"), "README"));
        assertEquals(FileKind.OTHER, KindSniffer.kindOf(ascii("hello"), "trailing."));
    }
}
