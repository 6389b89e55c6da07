package org.nestguard.console.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The line diff shown for a policy proposal: what it keeps, removes and adds, with the right line numbers. */
class LineDiffTest {
    private static String render(List<LineDiff.Line> diff) {
        StringBuilder out = new StringBuilder();
        for (LineDiff.Line line : diff) {
            out.append(line.sign()).append(line.oldNumber()).append(',').append(line.newNumber()).append(' ')
                    .append(line.text()).append('\n');
        }
        return out.toString();
    }

    @Test
    void identicalTextsChangeNothing() {
        List<LineDiff.Line> diff = LineDiff.between("a\nb\n", "a\r\nb");
        assertFalse(LineDiff.changes(diff));
        assertEquals(" 1,1 a\n 2,2 b\n", render(diff));
    }

    @Test
    void aChangedLineIsRemovedThenAddedWithBothNumbers() {
        String before = "schemaVersion: 1\nscreenLock:\n  maxIdle: PT5M\nfiltering: x\n";
        String after = "schemaVersion: 1\nscreenLock:\n  maxIdle: PT10M\nfiltering: x\n";
        assertEquals(" 1,1 schemaVersion: 1\n 2,2 screenLock:\n-3,0   maxIdle: PT5M\n+0,3   maxIdle: PT10M\n"
                + " 4,4 filtering: x\n", render(LineDiff.between(before, after)));
    }

    @Test
    void insertionsAndDeletionsInTheMiddleKeepTheLongestCommonRun() {
        String diff = render(LineDiff.between("a\nb\nc\nd\ne\n", "a\nc\nx\nd\ne\ny\n"));
        assertEquals(" 1,1 a\n-2,0 b\n 3,2 c\n+0,3 x\n 4,4 d\n 5,5 e\n+0,6 y\n", diff);
    }

    @Test
    void fromAndToEmpty() {
        assertEquals("+0,1 a\n+0,2 b\n", render(LineDiff.between("", "a\nb")));
        assertEquals("-1,0 a\n", render(LineDiff.between("a\n", null)));
        assertTrue(LineDiff.between("", "").isEmpty());
    }

    @Test
    void aMiddleTooLargeToCompareIsShownAsRemovedThenAdded() {
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        before.add("head");
        after.add("head");
        for (int i = 0; i < 2100; i++) {
            before.add("old " + i);
            after.add("new " + i);
        }
        List<LineDiff.Line> diff = LineDiff.between(before, after);
        assertEquals(1 + 2100 + 2100, diff.size());
        assertEquals(LineDiff.Kind.REMOVED, diff.get(1).kind());
        assertEquals(LineDiff.Kind.ADDED, diff.get(2101).kind());
        assertEquals(2, diff.get(2101).newNumber());
    }

    @Test
    void aroundKeepsContextEitherSideOfEachChangeAndCountsWhatItLeavesOut() {
        StringBuilder before = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            before.append("line ").append(i).append('\n');
        }
        String after = before.toString().replace("line 10\n", "line ten\n");
        String shown = render(LineDiff.around(LineDiff.between(before.toString(), after), 2));
        assertEquals("…0,0 7 unchanged lines\n 8,8 line 8\n 9,9 line 9\n-10,0 line 10\n+0,10 line ten\n"
                + " 11,11 line 11\n 12,12 line 12\n…0,0 8 unchanged lines\n", shown);
        assertTrue(LineDiff.around(LineDiff.between("a\nb\n", "a\nb\n"), 3).stream()
                .allMatch(line -> line.kind() == LineDiff.Kind.SKIPPED));
    }
}
