package io.mediapurge.storage;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and jitter, within a deadline. The SDK never retries
 * a POST, so DeleteMultipleObjects depends on this; the gateway turns the SDK's own retries off
 * and uses this for every request, so one budget covers a whole call.
 *
 * <p>The deadline is kept, not overshot: a retry starts only when its backoff and one whole
 * attempt ({@code attemptLimit}: the connect and the socket timeout, which end a stalled one)
 * still fit before it; the gateway stops waiting for an attempt at the deadline in any case.
 */
public final class RetryPolicy {

    /** One request to OSS. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call() throws Exception;
    }

    /** How a request ended after its attempts. */
    public sealed interface Outcome<T> permits Succeeded, Failed {
        int attempts();
    }

    public record Succeeded<T>(T value, int attempts) implements Outcome<T> {
    }

    public record Failed<T>(OssError error, int attempts) implements Outcome<T> {
    }

    /** The time left to one gateway call, shared by all its requests (which may run side by side). */
    public final class Budget {
        private final long deadlineNanos;
        private volatile boolean used;
        private volatile OssError lastError;

        private Budget(long deadlineNanos) {
            this.deadlineNanos = deadlineNanos;
        }

        public Duration remaining() {
            return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
        }

        /**
         * Whether one more attempt (after {@code wait}) can still finish before the deadline. The
         * first attempt of a call always can: the settings keep the deadline above one attempt.
         */
        boolean fits(Duration wait) {
            return !used && wait.isZero() || remaining().compareTo(wait.plus(attemptLimit)) >= 0;
        }

        /** The last transient error seen in this call, reported for requests never sent. */
        OssError lastErrorOrDeadline() {
            return lastError != null ? lastError : OssError.deadlineExceeded();
        }
    }

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration deadline;
    private final Duration attemptLimit;
    private final RandomGenerator random;

    public RetryPolicy(ObjectStoreSettings.Retry retry, Duration attemptLimit) {
        this(retry, attemptLimit, null);
    }

    /** @param random the jitter source, for repeatable tests; null for the thread-safe default */

    RetryPolicy(ObjectStoreSettings.Retry retry, Duration attemptLimit, RandomGenerator random) {
        this.maxAttempts = retry.maxAttempts();
        this.baseDelay = retry.baseDelay();
        this.maxDelay = retry.maxDelay();
        this.deadline = retry.deadline();
        this.attemptLimit = attemptLimit;
        this.random = random;
    }

    public Budget startBudget() {
        return new Budget(System.nanoTime() + deadline.toNanos());
    }

    /**
     * Runs the attempt until it succeeds, fails permanently, uses up the attempts, or the next
     * try would not fit in the budget. The first attempt is skipped only when the budget cannot
     * hold it any more (an earlier request of the same call spent it).
     */
    public <T> Outcome<T> run(Budget budget, Attempt<T> attempt) {
        int attempts = 0;
        Duration wait = Duration.ZERO;
        while (true) {
            if (!budget.fits(wait)) {
                return new Failed<>(budget.lastErrorOrDeadline(), attempts);
            }
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Failed<>(new OssError("Interrupted", false, "interrupted while waiting to retry"),
                            attempts);
                }
            }
            attempts++;
            budget.used = true;
            try {
                return new Succeeded<>(attempt.call(), attempts);
            } catch (Exception e) {
                OssError error = OssError.of(e);
                if (!error.isTransient()) {
                    return new Failed<>(error, attempts);
                }
                budget.lastError = error;
                if (attempts >= maxAttempts) {
                    return new Failed<>(error, attempts);
                }
                wait = backoff(attempts);
            }
        }
    }

    /**
     * The wait before retry number {@code retry} (1 for the first): base × 2^(retry-1), capped,
     * then "equal jitter" (half fixed, half random) so many callers failing together spread out.
     */
    Duration backoff(int retry) {
        long ceiling = maxDelay.toMillis();
        long exponential = Math.min(ceiling, baseDelay.toMillis() << Math.min(retry - 1, 30));
        long half = exponential / 2;
        RandomGenerator jitter = random != null ? random : ThreadLocalRandom.current();
        return Duration.ofMillis(half + (exponential - half == 0 ? 0 : jitter.nextLong(exponential - half + 1)));
    }
}
