package org.nestguard.agent.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyword lists' line format, as people write it in policies/lists and imports store it. */
class PhraseRuleTest {
    @Test
    void readsWeightsCombinationsStemsAndShares() {
        PhraseRule rule = PhraseRule.parse("  -30 Breast + MEDICAL* ");
        assertEquals(List.of(new Phrase("breast", false), new Phrase("medical", true)), rule.parts());
        assertEquals(-30, rule.weightFor(50));
        assertEquals("-30 breast + medical*", rule.format());
        PhraseRule share = PhraseRule.parse("10% sex video*");
        assertEquals(5, share.weightFor(50));
        assertEquals(16, share.weightFor(160));
        assertEquals("10% sex video*", share.format());
        assertEquals(share, PhraseRule.parse(share.format()));
    }

    @Test
    void badLinesSayWhatALineLooksLike() {
        assertEquals("expected '<weight> <phrase>', such as '60 kill myself' or '20 overdose + paracetamol', found "
                + "'overdose'", assertThrows(IllegalArgumentException.class, () -> PhraseRule.parse("overdose"))
                .getMessage());
        assertEquals("'lots' is not a weight; expected a whole number such as 40 or -30, or a share of the threshold "
                + "such as 10%, before the phrase", assertThrows(IllegalArgumentException.class,
                        () -> PhraseRule.parse("lots of porn")).getMessage());
        assertEquals("'+' joins two phrases, and one side of it is empty in '20 overdose +'",
                assertThrows(IllegalArgumentException.class, () -> PhraseRule.parse("20 overdose + ")).getMessage());
        assertEquals("'!!' has no letters or digits; expected words such as 'kill myself', or a stem such as "
                + "'suicid*'", assertThrows(IllegalArgumentException.class, () -> PhraseRule.parse("20 !!"))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> PhraseRule.parse("0 harmless"));
    }
}
