package org.nestguard.console.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff by longest common subsequence: the lines both texts keep, and those removed from the old and added
 * in the new, in reading order, each with its line number. The common head and tail are matched first, so a small
 * change to a long policy costs little; a middle too large to compare line by line is shown as removed then added.
 */
public final class LineDiff {
    /** Above this many cells (old middle lines times new) the middle is not compared line by line. */
    static final long MAX_CELLS = 4_000_000L;

    /** What happened to a line; SKIPPED stands for a run of unchanged lines left out by {@link #around}. */
    public enum Kind { SAME, REMOVED, ADDED, SKIPPED }

    /**
     * One line of the diff.
     *
     * @param oldNumber its 1-based line in the old text, 0 for an added line
     * @param newNumber its 1-based line in the new text, 0 for a removed line
     */
    public record Line(Kind kind, int oldNumber, int newNumber, String text) {
        /** The sign a unified diff shows: space, minus or plus. */
        public String sign() {
            return switch (kind) {
                case SAME -> " ";
                case REMOVED -> "-";
                case ADDED -> "+";
                case SKIPPED -> "…";
            };
        }
    }

    private LineDiff() {
    }

    /** The lines of the text, split on \n, \r\n or \r; an empty text has none, a final newline adds none. */
    public static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The diff from {@code oldText} to {@code newText}. */
    public static List<Line> between(String oldText, String newText) {
        return between(lines(oldText), lines(newText));
    }

    /** The diff from the old lines to the new. */
    public static List<Line> between(List<String> before, List<String> after) {
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        List<Line> diff = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            diff.add(new Line(Kind.SAME, i + 1, i + 1, before.get(i)));
        }
        middle(before.subList(head, before.size() - tail), after.subList(head, after.size() - tail), head, diff);
        for (int i = tail; i > 0; i--) {
            int oldIndex = before.size() - i;
            int newIndex = after.size() - i;
            diff.add(new Line(Kind.SAME, oldIndex + 1, newIndex + 1, before.get(oldIndex)));
        }
        return diff;
    }

    /** Whether the diff changes anything. */
    public static boolean changes(List<Line> diff) {
        return diff.stream().anyMatch(line -> line.kind() != Kind.SAME);
    }

    /**
     * The diff with only {@code context} unchanged lines kept either side of each change; each longer run of
     * unchanged lines becomes one SKIPPED line saying how many were left out.
     */
    public static List<Line> around(List<Line> diff, int context) {
        List<Line> shown = new ArrayList<>();
        int i = 0;
        while (i < diff.size()) {
            if (diff.get(i).kind() != Kind.SAME) {
                shown.add(diff.get(i++));
                continue;
            }
            int end = i;
            while (end < diff.size() && diff.get(end).kind() == Kind.SAME) {
                end++;
            }
            int keepHead = i == 0 ? 0 : context;          // after a change
            int keepTail = end == diff.size() ? 0 : context; // before a change
            if (end - i <= keepHead + keepTail + 1) {
                shown.addAll(diff.subList(i, end));
            } else {
                shown.addAll(diff.subList(i, i + keepHead));
                int skipped = end - i - keepHead - keepTail;
                shown.add(new Line(Kind.SKIPPED, 0, 0, skipped + " unchanged line" + (skipped == 1 ? "" : "s")));
                shown.addAll(diff.subList(end - keepTail, end));
            }
            i = end;
        }
        return shown;
    }

    private static void middle(List<String> before, List<String> after, int offset, List<Line> diff) {
        int n = before.size();
        int m = after.size();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                diff.add(new Line(Kind.REMOVED, offset + i + 1, 0, before.get(i)));
            }
            for (int j = 0; j < m; j++) {
                diff.add(new Line(Kind.ADDED, 0, offset + j + 1, after.get(j)));
            }
            return;
        }
        // common[i][j]: the length of the longest common subsequence of before[i..] and after[j..]
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                diff.add(new Line(Kind.SAME, offset + i + 1, offset + j + 1, before.get(i)));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                // on a tie the old line goes first, so a changed line reads as removed then added
                diff.add(new Line(Kind.REMOVED, offset + i + 1, 0, before.get(i)));
                i++;
            } else {
                diff.add(new Line(Kind.ADDED, 0, offset + j + 1, after.get(j)));
                j++;
            }
        }
    }
}
