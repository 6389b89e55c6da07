package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the keyword library sees of text a pupil typed or a page was titled. */
class TextFoldTest {
    @Test
    void lowerCasesAndCollapsesSeparators() {
        assertEquals("how to make a bomb", TextFold.fold("  How TO make---a   BOMB?! "));
        assertEquals("don t tell your parents", TextFold.fold("Don't tell your parents"));
    }

    @Test
    void fullWidthLettersBecomePlainOnes() {
        assertEquals("porn videos", TextFold.fold("\uff30\uff4f\uff52\uff4e videos"));
    }

    @Test
    void accentsOnLatinLettersGoWhetherComposedOrCombining() {
        assertEquals("pornography", TextFold.fold("porno\u0301graphy"));
        assertEquals("pornography", TextFold.fold("porn\u00f3graphy"));
        assertEquals("suicide", TextFold.fold("s\u00f9icide"));
    }

    @Test
    void turkishDottedAndDotlessIFoldToI() {
        assertEquals("suicide", TextFold.fold("SU\u0130C\u0130DE"));
        assertEquals("suicide", TextFold.fold("su\u0131c\u0131de"));
    }

    @Test
    void invisibleCharactersDoNotSplitAWord() {
        assertEquals("porn", TextFold.fold("p\u00adorn"));
        assertEquals("porn", TextFold.fold("po\u200brn"));
    }

    @Test
    void germanSharpSAndGreekFinalSigmaFold() {
        assertEquals("strasse", TextFold.fold("Stra\u00dfe"));
        assertEquals(TextFold.fold("\u03c3\u03bf\u03c3"), TextFold.fold("\u03a3\u039f\u03a3"));
    }

    @Test
    void lettersOfScriptsWithoutSpacesAreEachAWord() {
        assertEquals("\u514d \u8d39 \u6210 \u4eba", TextFold.fold("\u514d\u8d39\u6210\u4eba"));
    }

    @Test
    void marksOfOtherScriptsStayInTheirWord() {
        // Hindi "किताब" keeps its vowel signs: stripping them would merge unrelated words.
        assertEquals("\u0915\u093f\u0924\u093e\u092c", TextFold.fold("\u0915\u093f\u0924\u093e\u092c"));
    }
}
