package org.nestguard.agent.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Long texts cut at the limit, on a character boundary, with the whole length in the marker. */
class TextCutTest {
    @Test
    void textWithinTheLimitIsKeptAsItIs() {
        String title = "Volcanoes - BBC Bitesize";
        assertSame(title, TextCut.cut(title, TextCut.MAX_TEXT_CHARS));
        assertEquals(title, TextCut.decode(title.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 24));
        // more bytes than the limit, but not more characters: kept whole
        String accents = "\u00e9".repeat(20);
        assertEquals(accents, TextCut.decode(accents.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 20));
    }

    @Test
    void longerTextIsCutWithItsWholeLengthInCharacters() {
        assertEquals("abc [cut by Nestguard: 10 characters]", TextCut.cut("abcdefghij", 3));
        // three bytes a character (CJK): the length counted from the bytes is in characters
        String han = "\u706b\u5c71".repeat(3000);
        assertEquals(han.substring(0, 100) + " [cut by Nestguard: 6000 characters]",
                TextCut.decode(han.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 100));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String faces = "a" + "\ud83c\udf0b".repeat(10); // U+1F30B, two chars and four bytes each
        assertEquals("a\ud83c\udf0b\ud83c\udf0b [cut by Nestguard: 21 characters]", TextCut.cut(faces, 6));
        assertEquals("a\ud83c\udf0b\ud83c\udf0b [cut by Nestguard: 21 characters]",
                TextCut.decode(faces.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 6));
    }

    @Test
    void utf16DatabasesAreCutTheSameWay() {
        String url = "https://example.org/" + "x".repeat(100);
        assertEquals(url.substring(0, 30) + " [cut by Nestguard: 120 characters]",
                TextCut.decode(url.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, 30));
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedAndStillCut() {
        byte[] leads = new byte[40];
        java.util.Arrays.fill(leads, (byte) 0xF0); // lead bytes with nothing after them: one U+FFFD each
        assertEquals("\ufffd".repeat(30) + " [cut by Nestguard: 40 characters]",
                TextCut.decode(leads, StandardCharsets.UTF_8, 30));
        // stray continuation bytes are characters too (U+FFFD each), and a hostile title made of them is cut
        byte[] stray = new byte[100_001];
        java.util.Arrays.fill(stray, (byte) 0x80);
        stray[0] = 'a';
        assertEquals("a" + "\ufffd".repeat(2047) + " [cut by Nestguard: 100001 characters]",
                TextCut.decode(stray, StandardCharsets.UTF_8, 2048));
    }

    @Test
    void oddUtf16AndBigEndianAreCut() {
        byte[] odd = java.util.Arrays.copyOf("abcdef".getBytes(StandardCharsets.UTF_16LE), 13); // one stray byte
        assertEquals("abcde [cut by Nestguard: 7 characters]", TextCut.decode(odd, StandardCharsets.UTF_16LE, 5));
        String url = "https://example.org/" + "y".repeat(100);
        assertEquals(url.substring(0, 30) + " [cut by Nestguard: 120 characters]",
                TextCut.decode(url.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, 30));
    }

    @Test
    void theMarkerComesOffBeforeAUrlIsReadForItsQuery() {
        String cut = TextCut.cut("https://www.google.com/search?q=" + "v".repeat(100), 40);
        assertEquals("https://www.google.com/search?q=vvvvvvvv", TextCut.withoutMarker(cut));
        assertEquals("https://example.org/a [1 characters]", TextCut.withoutMarker("https://example.org/a [1 characters]"));
    }

    @Test
    void aCutKeepsAtLeastOneCharacter() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> TextCut.cut("ab", 0));
    }
}
