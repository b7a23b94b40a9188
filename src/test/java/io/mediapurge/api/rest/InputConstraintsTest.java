package io.mediapurge.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.mediapurge.api.ApiError;
import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.service.PurgeService;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

/**
 * The operator API's ranges as constraints: what a caller who sends a number out of range, a
 * reason too long or a page too large is answered (the field and its limit), and what is let
 * through with its defaults.
 */
class InputConstraintsTest {

    private static ValidatorFactory factory;
    private static final InputChecks CHECKS = new InputChecks();

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        CHECKS.validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    @Test
    void aPartitionCountOutOfRangeIsRefusedNamingItsLimit() {
        assertEquals("The parameter \"partitions\" is invalid: must be a whole number of at least 1", refused(new RunPartitions(0)));
        assertEquals("The parameter \"partitions\" is invalid: must be a whole number of at least 1",
                refused(new RunPartitions(Integer.MIN_VALUE)));
        assertEquals("The parameter \"partitions\" is invalid: must be a whole number of at most 16", refused(new RunPartitions(17)));
    }

    @Test
    void noPartitionCountIsTheServersDefault() {
        assertEquals(PurgeService.SERVER_DEFAULT_PARTITIONS, CHECKS.valid(new RunPartitions(null)).count());
        assertEquals(1, CHECKS.valid(new RunPartitions(1)).count());
        assertEquals(PurgeService.MAX_PARTITIONS, CHECKS.valid(new RunPartitions(PurgeService.MAX_PARTITIONS)).count());
    }

    @Test
    void anItemsQueryKeepsItsPageAndSizeAndReasonLimits() {
        assertEquals("The parameter \"size\" is invalid: must be a whole number of at least 1", refused(ItemsQuery.of(null, null, null, "0")));
        assertEquals("The parameter \"size\" is invalid: must be a whole number of at most 1000",
                refused(ItemsQuery.of(null, null, null, "1001")));
        assertEquals("The parameter \"page\" is invalid: must be a whole number of at least 1", refused(ItemsQuery.of(null, null, "0", null)));
        assertEquals("The parameter \"reason\" is invalid: must be at most 64 characters",
                refused(ItemsQuery.of(null, "R".repeat(65), null, null)));
        // two broken: the first by name is named, the same on every call
        assertEquals("The parameter \"page\" is invalid: must be a whole number of at least 1", refused(ItemsQuery.of(null, null, "0", "0")));
    }

    @Test
    void anItemsQueryWithoutParametersIsTheFirstPageOfEverything() {
        ItemsQuery query = CHECKS.valid(ItemsQuery.of(null, "", "", null));
        assertEquals(new ItemsQuery(null, null, 1, ItemsQuery.DEFAULT_SIZE), query);
        assertEquals(new ItemsQuery(Outcome.FAILED, "UNKNOWN", 3, 1000), CHECKS.valid(ItemsQuery.of("failed", "UNKNOWN", "3", "1000")));
    }

    @Test
    void aNumberBeyondAnIntIsRefusedByItsRangeAndTextIsRefusedAsNoNumber() {
        assertEquals("The parameter \"page\" is invalid: must be a whole number of at least 1",
                refused(ItemsQuery.of(null, null, "-99999999999", null)));
        assertEquals("The parameter \"size\" is invalid: must be a whole number of at most 200", refused(JobsQuery.of(null, "99999999999")));
        ApiError notANumber = assertThrows(ApiError.class, () -> ItemsQuery.of(null, null, "x", null));
        assertEquals("The parameter \"page\" is invalid: must be a whole number", notANumber.getMessage());
        assertEquals(400, notANumber.status());
    }

    @Test
    void aJobsQueryPagesTheAccountsRuns() {
        JobsQuery query = CHECKS.valid(JobsQuery.of("3", "50"));
        assertEquals(100, query.first());
        assertEquals(new JobsQuery(1, JobsQuery.DEFAULT_SIZE), CHECKS.valid(JobsQuery.of(null, null)));
        assertEquals(Integer.MAX_VALUE, CHECKS.valid(JobsQuery.of(String.valueOf(Integer.MAX_VALUE), "200")).first());
    }

    @Test
    void aValidInputIsAnsweredAsItCame() {
        RunPartitions four = new RunPartitions(4);
        assertSame(four, CHECKS.valid(four));
    }

    /** The message a caller is answered with, as the API's error (400 InvalidParameter). */
    private static String refused(Object input) {
        ConstraintViolationException thrown = assertThrows(ConstraintViolationException.class, () -> CHECKS.valid(input));
        ApiError error = ConstraintErrors.error(thrown);
        assertEquals(400, error.status());
        assertEquals("InvalidParameter", error.code());
        return error.getMessage();
    }
}
