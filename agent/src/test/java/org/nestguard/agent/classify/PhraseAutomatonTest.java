package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The multi-phrase matcher: every occurrence, at word boundaries only. */
class PhraseAutomatonTest {
    private static List<String> find(List<String> phrases, String text) {
        List<Phrase> parsed = phrases.stream().map(Phrase::parse).toList();
        List<String> found = new ArrayList<>();
        String folded = TextFold.fold(text);
        PhraseAutomaton.of(parsed).scan(folded, (p, s, e) -> found.add(parsed.get(p) + "@" + s));
        return found;
    }

    @Test
    void findsWholeWordsOnly() {
        assertEquals(List.of(), find(List.of("cunt", "ass", "tit"), "Scunthorpe United assessment, constitution"));
        assertEquals(List.of("ass@4"), find(List.of("ass"), "his ass"));
    }

    @Test
    void aStemMayContinueButMustStartAWord() {
        assertEquals(List.of("suicid*@0", "suicid*@9"), find(List.of("suicid*"), "suicidal suicide"));
        assertEquals(List.of(), find(List.of("suicid*"), "antisuicide"));
    }

    @Test
    void overlappingAndNestedPhrasesAreAllReported() {
        assertEquals(List.of("want to kill myself@0", "kill myself@8", "myself@13"),
                find(List.of("want to kill myself", "kill myself", "myself"), "want to kill myself"));
    }

    @Test
    void phrasesNeverSpanTwoFields() {
        List<Phrase> parsed = List.of(Phrase.parse("breast cancer"));
        List<Integer> found = new ArrayList<>();
        PhraseAutomaton.of(parsed).scan("breast" + TextFold.FIELD_BREAK + "cancer", (p, s, e) -> found.add(s));
        assertEquals(List.of(), found);
    }

    @Test
    void aWholeWordAndAStemOfTheSameWordsAreBothFound() {
        assertEquals(List.of("porn@0", "porn*@0", "porn*@5"), find(List.of("porn", "porn*"), "porn pornography"));
    }

    @Test
    void aPhraseGivenTwiceIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PhraseAutomaton.of(List.of(Phrase.parse("porn"), Phrase.parse("PORN"))));
    }

    @Test
    void agreesWithANaiveSearchOnRandomText() {
        // Letters beyond ASCII take the sparse path mid-phrase; the rest the dense table.
        Random random = new Random(42);
        String[] words = {"a", "ab", "abc", "b", "ba", "bab", "c", "cab", "abca", "\u0436", "a\u0436", "\u0436b",
            "\u6210", "1a"};
        List<String> phrases = List.of("a", "ab", "b a", "abc", "bab", "ca*", "a b c", "c a b", "a\u0436*",
                "\u0436b a", "\u6210 a", "1a", "b \u6210");
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int w = random.nextInt(12); w >= 0; w--) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            String folded = TextFold.fold(text);
            List<String> expected = new ArrayList<>();
            for (int end = 1; end <= folded.length(); end++) {
                for (String phrase : phrases) {
                    Phrase p = Phrase.parse(phrase);
                    int start = end - p.words().length();
                    if (start >= 0 && folded.startsWith(p.words(), start)
                            && (start == 0 || folded.charAt(start - 1) == ' ')
                            && (p.stem() || end == folded.length() || folded.charAt(end) == ' ')) {
                        expected.add(p + "@" + start);
                    }
                }
            }
            List<String> actual = find(phrases, folded);
            assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), folded);
        }
    }
}
