package org.nestguard.console.web.policies;

/** One thing wrong with a proposed policy: where (line 0 when it is about the whole text or the form) and what. */
public record PolicyProblem(int line, int column, String field, String problem) {
    /** "Line 12, column 3: screenLock.maxIdle: ..." as the list of errors shows it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        if (line > 0) {
            out.append("Line ").append(line);
            if (column > 0) {
                out.append(", column ").append(column);
            }
            out.append(": ");
        }
        if (field != null && !field.isEmpty()) {
            out.append(field).append(": ");
        }
        return out.append(problem).toString();
    }
}
