package io.mediapurge.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsAreQuotedWhenTheyMustBeAndNeverStartAFormula() {
        // 1. plain values as they are, nothing as empty
        assertEquals("it-admin", Csv.field("it-admin"));
        assertEquals("", Csv.field(null));
        // 2. commas, quotes and line breaks quoted, quotes doubled (RFC 4180)
        assertEquals("\"a, b\"", Csv.field("a, b"));
        assertEquals("\"say \"\"no\"\"\"", Csv.field("say \"no\""));
        assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
        // 3. what a spreadsheet would run as a formula is text
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", Csv.field("=HYPERLINK(\"x\")"));
        assertEquals("'+1", Csv.field("+1"));
        assertEquals("'@SUM(A1)", Csv.field("@SUM(A1)"));
    }
}
