package io.jenkins.plugins.slipway.engine.metrics;

/**
 * Counts code, comment and blank lines of one file's text, cloc-style: a line with any code counts as code, a
 * line with only comment text as comment, a line with only white space as blank. Python docstrings standing alone
 * count as comments. String literals are not parsed (a comment marker inside a string is rare enough to ignore).
 */
final class LineCounter {

    /** Code, comment and blank lines. */
    record Counts(int code, int comment, int blank) {
        int total() {
            return code + comment + blank;
        }
    }

    private LineCounter() {
    }

    static Counts count(SizeLanguage language, CharSequence text) {
        int code = 0;
        int comment = 0;
        int blank = 0;
        boolean inBlock = false;
        String docstring = null;
        String[] lines = text.toString().split("\r\n|\r|\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        for (int i = 0; i < n; i++) {
            String line = lines[i].strip();
            if (docstring != null) {
                comment++;
                if (line.contains(docstring)) {
                    docstring = null;
                }
                continue;
            }
            if (line.isEmpty()) {
                if (inBlock) {
                    comment++;
                } else {
                    blank++;
                }
                continue;
            }
            if (language == SizeLanguage.PYTHON && (line.startsWith("\"\"\"") || line.startsWith("'''"))) {
                String quote = line.substring(0, 3);
                comment++;
                if (line.length() < 6 || !line.substring(3).contains(quote)) {
                    docstring = quote;
                }
                continue;
            }
            boolean hasCode = false;
            boolean hasComment = inBlock;
            int pos = 0;
            while (pos < line.length()) {
                if (inBlock) {
                    int end = line.indexOf(language.blockEnd, pos);
                    hasComment = true;
                    if (end < 0) {
                        pos = line.length();
                    } else {
                        inBlock = false;
                        pos = end + language.blockEnd.length();
                    }
                    continue;
                }
                int next = line.length();
                boolean lineComment = false;
                for (String marker : language.lineComments) {
                    int at = line.indexOf(marker, pos);
                    if (at >= 0 && at < next) {
                        next = at;
                        lineComment = true;
                    }
                }
                if (language.blockStart != null) {
                    int at = line.indexOf(language.blockStart, pos);
                    if (at >= 0 && at < next) {
                        next = at;
                        lineComment = false;
                    }
                }
                if (!line.substring(pos, next).isBlank()) {
                    hasCode = true;
                }
                if (next >= line.length()) {
                    break;
                }
                hasComment = true;
                if (lineComment) {
                    break;
                }
                inBlock = true;
                pos = next + language.blockStart.length();
            }
            if (hasCode) {
                code++;
            } else if (hasComment) {
                comment++;
            } else {
                blank++;
            }
        }
        return new Counts(code, comment, blank);
    }
}
