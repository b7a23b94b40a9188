package io.mediapurge.registry;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a stream, numbered, each at most {@code maxChars} long: a longer line is skipped to its
 * end and reported (text null), so one runaway line cannot exhaust memory.
 */
public final class LineReader {

    public record Line(long number, String text) {
    }

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private long number;

    public LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    public Line next() throws IOException {
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? new Line(++number, tooLong ? null : strip(text)) : null;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                return new Line(++number, tooLong ? null : strip(text));
            }
            if (!tooLong) {
                text.append(c);
                if (text.length() > maxChars) {
                    tooLong = true;
                    text.setLength(0);
                }
            }
        }
    }

    private static String strip(StringBuilder text) {
        int end = text.length();
        return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
    }
}
