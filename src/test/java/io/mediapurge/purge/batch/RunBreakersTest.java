package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunBreakersTest {

    @ParameterizedTest(name = "down chunks {0}, needed {1}: stops at chunk {2}")
    @CsvSource({
            "'down',            1, 1",
            "'up down',         1, 2",
            "'down down',       2, 2",
            "'down up down up', 2, 0",  // never two in a row
            "'down down down',  3, 3",
            "'up up',           1, 0",
            "'down',            0, 1"}) // 0 counts as 1
    void ossDownStopsTheRunAfterThatManyChunksInARow(String chunks, int needed, int stopsAt) {
        RunBreakers breakers = new RunBreakers(needed, 1000, 0.5);
        int chunk = 0;
        int stopped = 0;
        for (String c : chunks.split(" ")) {
            chunk++;
            if (breakers.afterOss(c.equals("down"), "ServiceUnavailable").isPresent() && stopped == 0) {
                stopped = chunk;
            }
        }
        assertEquals(stopsAt, stopped);
    }

    @Test
    void theOssDownReasonSaysWhatToDo() {
        Optional<String> reason = new RunBreakers(1, 1000, 0.5).afterOss(true, "RequestTimeout");
        assertTrue(reason.orElseThrow().startsWith("OSS is unavailable (RequestTimeout for every file of 1 chunk(s)"), reason::get);
        assertTrue(reason.get().endsWith("restart when OSS is back"), reason::get);
    }

    @ParameterizedTest(name = "failed per chunk of 20: {0}; min {1}, rate {2}: stops after chunk {3}")
    @CsvSource({
            "'20 20 20',         40, 0.5, 2",  // 40 of 40 failed once 40 were written
            "'10 10 10 10',      40, 0.5, 0",  // exactly half is not more than half
            "'11 11',            40, 0.5, 2",
            "'20 0 0 0 0',       40, 0.5, 0",  // the one bad chunk is diluted before the minimum
            "'0 0 20 20 20 20',  40, 0.5, 5",
            "'1',                 1, 0.0, 1"})
    void theFailureRateStopsTheRunPastItsMinimum(String failedPerChunk, long minItems, double rate, int stopsAfter) {
        RunBreakers breakers = new RunBreakers(1, minItems, rate);
        int chunk = 0;
        int stopped = 0;
        for (String f : failedPerChunk.split(" ")) {
            chunk++;
            if (breakers.afterWrite(20, Long.parseLong(f)).isPresent() && stopped == 0) {
                stopped = chunk;
            }
        }
        assertEquals(stopsAfter, stopped);
    }

    @Test
    void theFailureRateReasonCountsWhatFailed() {
        RunBreakers breakers = new RunBreakers(1, 20, 0.5);
        assertEquals(Optional.of("20 of 20 requests failed (more than 50 %): the run stops so OSS or its credentials can be checked"),
                breakers.afterWrite(20, 20));
    }
}
