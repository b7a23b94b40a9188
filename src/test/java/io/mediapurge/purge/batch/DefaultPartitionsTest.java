package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultPartitionsTest {

    @ParameterizedTest
    @CsvSource({"1, 1", "4, 4", "' 8 ', 8", "16, 16"})
    void aWholeNumberFromOneToTheMaximumIsTheCount(String setting, int partitions) {
        assertEquals(partitions, DefaultPartitions.parse(setting));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0", "-1", "17", "4.5", "four", "99999999999"})
    void anythingElseIsRefusedNamingTheVariable(String setting) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DefaultPartitions.parse(setting));
        assertEquals("MEDIAPURGE_PURGE_PARTITIONS must be a whole number from 1 to 16 (is \"" + setting + "\")", e.getMessage());
    }
}
