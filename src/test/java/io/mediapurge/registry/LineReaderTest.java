package io.mediapurge.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void numbersLinesAndDropsTerminators() throws IOException {
        assertEquals(List.of("1:a", "2:", "3:b", "4:c"), read(new StringReader("a\r\n\nb\nc"), 10));
    }

    @Test
    void aRunawayLineIsSkippedAndReportedWithoutHoldingIt() throws IOException {
        String huge = "x".repeat(1_000_000);
        assertEquals(List.of("1:ok", "2:null", "3:ok again"), read(new StringReader("ok\n" + huge + "\nok again\n"), 100));
    }

    @Test
    void emptyStreamHasNoLines() throws IOException {
        assertNull(new LineReader(Reader.nullReader(), 10).next());
    }

    private static List<String> read(Reader in, int max) throws IOException {
        LineReader lines = new LineReader(in, max);
        List<String> out = new ArrayList<>();
        for (LineReader.Line l = lines.next(); l != null; l = lines.next()) {
            out.add(l.number() + ":" + l.text());
        }
        return out;
    }
}
