package org.nestguard.agent.platform.macos;

import java.nio.charset.Charset;

/**
 * Extracts the visible text of a simple RTF document, as TextEdit saves a PolicyBanner.rtf. Handles groups,
 * control words (par, line, tab), escaped {@code \{ \} \\}, {@code \'hh} bytes in the
 * document's ANSI code page and backslash-u Unicode escapes (skipping the backslash-uc fallback characters). Skips
 * the font table, colour table, info and other {@code \*} destinations. Not handled: fields, pictures, tables
 * (their text comes out run together) and nested code-page changes.
 */
public final class RtfText {
    private RtfText() {
    }

    public static String toPlainText(String rtf) {
        StringBuilder out = new StringBuilder();
        Charset codePage = Charset.forName("windows-1252");
        java.util.ArrayDeque<Boolean> skipStack = new java.util.ArrayDeque<>();
        boolean skip = false;
        int unicodeFallback = 1;
        int pendingFallback = 0;
        int i = 0;
        int n = rtf.length();
        while (i < n) {
            char c = rtf.charAt(i);
            if (c == '{') {
                skipStack.push(skip);
                i++;
                // A group starting with a destination we do not show: skip it whole.
                String rest = rtf.substring(i, Math.min(n, i + 12));
                if (rest.startsWith("\\*") || rest.startsWith("\\fonttbl") || rest.startsWith("\\colortbl")
                        || rest.startsWith("\\stylesheet") || rest.startsWith("\\info")
                        || rest.startsWith("\\expandedcolortbl") || rest.startsWith("\\pict")) {
                    skip = true;
                }
            } else if (c == '}') {
                skip = skipStack.isEmpty() ? false : skipStack.pop();
                i++;
            } else if (c == '\\' && i + 1 < n) {
                char next = rtf.charAt(i + 1);
                if (next == '\\' || next == '{' || next == '}') {
                    emit(out, skip, String.valueOf(next));
                    i += 2;
                } else if (next == '\'' && i + 3 < n) {
                    if (pendingFallback > 0) {
                        pendingFallback--;
                    } else if (!skip) {
                        byte b = (byte) Integer.parseInt(rtf.substring(i + 2, i + 4), 16);
                        out.append(new String(new byte[] {b}, codePage));
                    }
                    i += 4;
                } else if (next == '\n' || next == '\r') {
                    emit(out, skip, "\n"); // a backslash before a line end is a paragraph break
                    i += 2;
                } else if (Character.isLetter(next)) {
                    int start = i + 1;
                    int j = start;
                    while (j < n && Character.isLetter(rtf.charAt(j))) {
                        j++;
                    }
                    String word = rtf.substring(start, j);
                    int numStart = j;
                    if (j < n && (rtf.charAt(j) == '-' || Character.isDigit(rtf.charAt(j)))) {
                        j++;
                        while (j < n && Character.isDigit(rtf.charAt(j))) {
                            j++;
                        }
                    }
                    String number = rtf.substring(numStart, j);
                    if (j < n && rtf.charAt(j) == ' ') {
                        j++; // the space ending a control word is part of it
                    }
                    i = j;
                    switch (word) {
                        case "par", "line" -> emit(out, skip, "\n");
                        case "tab" -> emit(out, skip, "\t");
                        case "uc" -> unicodeFallback = number.isEmpty() ? 1 : Integer.parseInt(number);
                        case "u" -> {
                            if (!number.isEmpty()) {
                                int code = Integer.parseInt(number);
                                emit(out, skip, String.valueOf((char) (code < 0 ? code + 65536 : code)));
                                pendingFallback = unicodeFallback;
                            }
                        }
                        case "ansicpg" -> {
                            try {
                                codePage = Charset.forName("windows-" + number);
                            } catch (IllegalArgumentException e) {
                                codePage = Charset.forName("windows-1252");
                            }
                        }
                        default -> { }
                    }
                } else {
                    i += 2; // other control symbols (\~ \- \_) carry no text we need
                }
            } else if (c == '\r' || c == '\n') {
                i++; // raw line ends in RTF source are not text
            } else {
                if (pendingFallback > 0) {
                    pendingFallback--;
                } else {
                    emit(out, skip, String.valueOf(c));
                }
                i++;
            }
        }
        return out.toString().replaceAll("[ \\t]+\\n", "\n").strip();
    }

    private static void emit(StringBuilder out, boolean skip, String text) {
        if (!skip) {
            out.append(text);
        }
    }
}
