package io.mediapurge.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SelectorCsvTest {

    @Test
    void linesBecomeSelectorsOrNumberedProblems() throws IOException {
        List<SelectorCsv.Entry> entries = read("\uFEFFSelector\r\n"
                + "0123456789abcdef0123456789abcdef\r\n"
                + "\n"
                + "\"oss://b/a,\"\"q\"\".mp4\"\n"
                + "  https://b.oss-cn-shanghai.aliyuncs.com/k.mp4 \n"
                + "\"open\n"
                + "tab\there\n"
                + "x".repeat(4097) + "\n"
                + "selector");
        assertEquals(Selector.mediaId("0123456789abcdef0123456789abcdef"), entries.get(0).selector());
        assertEquals(2, entries.get(0).line());
        assertEquals("empty", entries.get(1).problem());
        assertEquals(Selector.url("oss://b/a,\"q\".mp4"), entries.get(2).selector());
        assertEquals(Selector.url("https://b.oss-cn-shanghai.aliyuncs.com/k.mp4"), entries.get(3).selector());
        assertNull(entries.get(4).selector());
        assertEquals("not text: control characters or bytes that are not UTF-8", entries.get(5).problem());
        assertEquals("longer than 4096 characters", entries.get(6).problem());
        // Only the first line can be the header.
        assertEquals(Selector.mediaId("selector"), entries.get(7).selector());
        assertEquals(9, entries.get(7).line());
    }

    @Test
    void reportCellsAreQuotedAndNeverFormulas() {
        assertEquals("plain", CompletionReport.field("plain"));
        assertEquals("\"a,b\"", CompletionReport.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CompletionReport.field("say \"hi\""));
        assertEquals("'=HYPERLINK(1)", CompletionReport.field("=HYPERLINK(1)"));
        assertEquals("", CompletionReport.field(null));
    }

    @Test
    void digestsTellKindsApart() {
        assertEquals(64, Selector.mediaId("x").digest().length());
        assertEquals(Selector.of("x").digest(), Selector.mediaId("x").digest());
        assertEquals(false, Selector.mediaId("a://b").digest().equals(Selector.url("a://b").digest()));
    }

    private static List<SelectorCsv.Entry> read(String csv) throws IOException {
        SelectorCsv reader = new SelectorCsv(new StringReader(csv));
        List<SelectorCsv.Entry> entries = new ArrayList<>();
        for (SelectorCsv.Entry e = reader.next(); e != null; e = reader.next()) {
            entries.add(e);
        }
        return entries;
    }
}
