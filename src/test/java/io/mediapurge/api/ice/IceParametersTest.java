package io.mediapurge.api.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mediapurge.api.ApiError;

class IceParametersTest {

    @Test
    void listsAreTrimmedDeduplicatedAndCapped() {
        IceParameters p = new IceParameters(Map.of("MediaIds", " a, b ,a,,c "));
        assertEquals(List.of("a", "b", "c"), p.list("MediaIds", 20));
        ApiError tooMany = assertThrows(ApiError.class, () -> p.list("MediaIds", 2));
        assertEquals("InvalidParameter", tooMany.code());
        assertEquals(400, tooMany.status());
        assertTrue(tooMany.getMessage().contains("at most 2"));
    }

    @Test
    void twentyOneDistinctIdsAreRefusedButTwentyOneDuplicatesAreOne() {
        String ids21 = String.join(",", java.util.stream.IntStream.range(0, 21).mapToObj(i -> "id" + i).toList());
        assertThrows(ApiError.class, () -> new IceParameters(Map.of("MediaIds", ids21)).list("MediaIds", 20));
        assertEquals(List.of("same"), new IceParameters(Map.of("MediaIds", "same,".repeat(21))).list("MediaIds", 20));
    }

    @Test
    void requiredBooleansNumbersAndHostileValues() {
        IceParameters p = new IceParameters(Map.of("A", "TRUE", "B", "yes", "N", "12x", "C", "a\u0000b",
                "H", "x".repeat(IceParameters.MAX_VALUE_LENGTH + 1)));
        assertEquals("MissingParameter", assertThrows(ApiError.class, () -> p.required("Missing")).code());
        assertTrue(p.bool("A", false));
        assertFalse(p.bool("Absent", false));
        assertEquals("InvalidParameter", assertThrows(ApiError.class, () -> p.bool("B", false)).code());
        assertEquals("InvalidParameter", assertThrows(ApiError.class, () -> p.number("N")).code());
        assertEquals("InvalidParameter", assertThrows(ApiError.class, () -> p.optional("C")).code());
        ApiError huge = assertThrows(ApiError.class, () -> p.optional("H"));
        assertTrue(huge.getMessage().length() < 200, "a huge value is never echoed");
    }

    @Test
    void urlsOfOtherHostsAreRefusedWithAReason() {
        ApiError e = assertThrows(ApiError.class, () -> IceParameters.ossUrl("InputURL", "http://169.254.169.254/latest", "cn-shanghai"));
        assertEquals("InvalidParameter", e.code());
        assertEquals("a", IceParameters.ossUrl("InputURL", "oss://bucket-a/a", "cn-shanghai").key());
    }
}
