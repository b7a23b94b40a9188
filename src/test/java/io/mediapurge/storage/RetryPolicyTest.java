package io.mediapurge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;

/** Backoff, classification and the deadline of the gateway's own retries. */
class RetryPolicyTest {

    static final ObjectStoreSettings.Retry RETRY = new ObjectStoreSettings.Retry(5, Duration.ofMillis(10),
            Duration.ofMillis(40), Duration.ofSeconds(2));

    static OSSException oss(String code) {
        return new OSSException("message", code, "request-id", "host", null, null, null);
    }

    @Test
    void backoffDoublesUpToTheCapWithJitterWithinBounds() {
        RetryPolicy policy = new RetryPolicy(RETRY, Duration.ofMillis(100), new Random(7));
        for (int i = 0; i < 200; i++) {
            long first = policy.backoff(1).toMillis();
            long second = policy.backoff(2).toMillis();
            long capped = policy.backoff(10).toMillis();
            assertTrue(first >= 5 && first <= 10, "first " + first);
            assertTrue(second >= 10 && second <= 20, "second " + second);
            assertTrue(capped >= 20 && capped <= 40, "capped " + capped);
        }
    }

    @Test
    void transientErrorsAreRetriedUntilSuccess() {
        RetryPolicy policy = new RetryPolicy(RETRY, Duration.ofMillis(100));
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy.Outcome<String> outcome = policy.run(policy.startBudget(), () -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw oss("ServiceUnavailable");
                case 2 -> throw new ClientException("refused", "SocketException", "id");
                case 3 -> throw oss("Throttling");
                default -> {
                    return "done";
                }
            }
        });
        assertEquals(new RetryPolicy.Succeeded<>("done", 4), outcome);
    }

    @Test
    void permanentErrorsStopAtOnce() {
        RetryPolicy policy = new RetryPolicy(RETRY, Duration.ofMillis(100));
        for (String code : new String[] {"AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId", "NoSuchBucket",
                "MalformedXML", "InvalidArgument"}) {
            RetryPolicy.Outcome<Object> outcome = policy.run(policy.startBudget(), () -> {
                throw oss(code);
            });
            RetryPolicy.Failed<Object> failed = assertInstanceOf(RetryPolicy.Failed.class, outcome);
            assertEquals(1, failed.attempts(), code);
            assertEquals(code, failed.error().code());
        }
    }

    @Test
    void attemptsAreBounded() {
        RetryPolicy policy = new RetryPolicy(RETRY, Duration.ofMillis(100));
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy.Outcome<Object> outcome = policy.run(policy.startBudget(), () -> {
            calls.incrementAndGet();
            throw oss("InternalError");
        });
        assertEquals(5, calls.get());
        assertEquals("InternalError", ((RetryPolicy.Failed<Object>) outcome).error().code());
    }

    @Test
    void noRetryStartsThatCouldNotFinishBeforeTheDeadline() {
        // An attempt may take up to 200 ms; within 600 ms only the retries that fit are made.
        ObjectStoreSettings.Retry many = new ObjectStoreSettings.Retry(100, Duration.ofMillis(50),
                Duration.ofMillis(50), Duration.ofMillis(600));
        RetryPolicy policy = new RetryPolicy(many, Duration.ofMillis(200));
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();
        RetryPolicy.Outcome<Object> outcome = policy.run(policy.startBudget(), () -> {
            calls.incrementAndGet();
            Thread.sleep(50); // a slow request that then times out
            throw new ClientException("timed out", "SocketTimeout", "id");
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(Duration.ofMillis(600)) < 0, "took " + elapsed);
        assertEquals("SocketTimeout", ((RetryPolicy.Failed<Object>) outcome).error().code());
        assertTrue(calls.get() >= 1 && calls.get() <= 5, calls + " attempts");
        assertEquals(calls.get(), outcome.attempts());
    }

    @Test
    void laterRequestsOfASpentCallAreNotSentAndReportTheLastError() {
        ObjectStoreSettings.Retry tight = new ObjectStoreSettings.Retry(5, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofMillis(200));
        RetryPolicy policy = new RetryPolicy(tight, Duration.ofMillis(200));
        RetryPolicy.Budget budget = policy.startBudget();
        RetryPolicy.Outcome<Object> first = policy.run(budget, () -> {
            Thread.sleep(50);
            throw oss("ServiceUnavailable");
        });
        assertEquals(1, first.attempts(), "a retry would not fit in the deadline");

        RetryPolicy.Outcome<Object> later = policy.run(budget, () -> {
            throw new AssertionError("must not be sent");
        });
        assertEquals(new RetryPolicy.Failed<>(new OssError("ServiceUnavailable", true, "message"), 0), later);
    }

    @Test
    void errorsWithoutBodyAreClassifiedByStatus() {
        OSSException headFailure = new OSSException("No body in response, http status code 503", "Unknown",
                "id", null, null, null, null);
        OssError error = OssError.of(headFailure);
        assertEquals("ServiceUnavailable", error.code());
        assertTrue(error.isTransient());
        assertEquals(false, OssError.of(new OSSException("No body in response, http status code 403", "Unknown",
                "id", null, null, null, null)).isTransient());
    }
}
