package io.mediapurge.purge;

import java.io.IOException;
import java.io.Reader;

import io.mediapurge.registry.LineReader;

/**
 * A CSV of selectors, one a line, read a line at a time so any size takes constant memory. A line
 * is a media ID, or a URL when it has {@code ://}; it may be quoted as in RFC 4180 (a URL with a
 * comma: {@code "oss://b/a,b.mp4"}); surrounding blanks are dropped; an optional first line
 * {@code selector} is a header. A bad line is reported by its number and the reading goes on.
 */
public final class SelectorCsv {

    public static final String HEADER = "selector";

    /** One line: a selector, or why the line holds none. */
    public record Entry(long line, Selector selector, String problem) {
    }

    private final LineReader lines;
    private boolean first = true;

    public SelectorCsv(Reader csv) {
        // Room for quoting; the selector's own length is checked once it is unquoted.
        this.lines = new LineReader(csv, 2 * Selector.MAX_LENGTH + 2);
    }

    /** The next line, or null at the end. */
    public Entry next() throws IOException {
        while (true) {
            LineReader.Line line = lines.next();
            if (line == null) {
                return null;
            }
            if (line.text() == null) {
                return new Entry(line.number(), null, "longer than " + Selector.MAX_LENGTH + " characters");
            }
            String text = line.text();
            if (first && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            text = text.strip();
            boolean header = first && text.equalsIgnoreCase(HEADER);
            first = false;
            if (header) {
                continue;
            }
            if (text.startsWith("\"")) {
                text = unquote(text);
                if (text == null) {
                    return new Entry(line.number(), null, "malformed quoting: a quoted selector ends with its closing quote,"
                            + " and a quote inside it is doubled");
                }
            }
            String problem = Selector.problem(text);
            return problem == null ? new Entry(line.number(), Selector.of(text), null) : new Entry(line.number(), null, problem);
        }
    }

    private static String unquote(String quoted) {
        if (quoted.length() < 2 || !quoted.endsWith("\"")) {
            return null;
        }
        String inner = quoted.substring(1, quoted.length() - 1);
        if (inner.replace("\"\"", "").contains("\"")) {
            return null;
        }
        return inner.replace("\"\"", "\"");
    }
}
