package org.nestguard.agent.classify;

/**
 * Text that a regular expression may read only so many times: {@link java.util.regex} has no time limit, and an
 * imported expression that backtracks badly could otherwise stall classification on one hostile URL. Every
 * character read counts against the budget; past it, reading throws {@link OverBudget}.
 */
final class BoundedText implements CharSequence {
    /** Thrown when the budget is spent. Carries no stack trace: it is expected, and cheap to throw. */
    static final class OverBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverBudget() {
            super("regular expression exceeded its budget", null, false, false);
        }
    }

    private final CharSequence text;
    private final int offset;
    private final int length;
    private final long[] budget;

    BoundedText(CharSequence text, long budget) {
        this(text, 0, text.length(), new long[] {budget});
    }

    private BoundedText(CharSequence text, int offset, int length, long[] budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new OverBudget();
        }
        return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.subSequence(offset, offset + length).toString();
    }
}
