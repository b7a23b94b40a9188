package io.mediapurge.purge.batch;

/**
 * The partition count of a run whose starter chose none ({@code MEDIAPURGE_PURGE_PARTITIONS}):
 * each partition is a chunk thread with a database connection, and each sends one
 * DeleteMultipleObjects per bucket of its chunk side by side, so the setting is chosen against the
 * bucket's QPS limit (README, Benchmarks: Choosing the partition count).
 */
public final class DefaultPartitions {

    /** As many partitions as the REST API and the console accept for one run. */
    public static final int MAX = 16;
    /** What the benchmark measured as the best default on two cores, at 5 and at 20 ms OSS latency: see the README. */
    public static final int BUILT_IN = 8;
    /** What a door passes to {@link PurgeJobs#start} when its caller chose no partition count. */
    public static final int UNSET = 0;

    private DefaultPartitions() {
    }

    /** The setting read as a count; refused with the variable's name when it is not a whole number from 1 to {@link #MAX}. */
    static int parse(String value) {
        if (value != null) {
            try {
                int partitions = Integer.parseInt(value.trim());
                if (partitions >= 1 && partitions <= MAX) {
                    return partitions;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw new IllegalArgumentException("MEDIAPURGE_PURGE_PARTITIONS must be a whole number from 1 to " + MAX + " (is \""
                + value + "\")");
    }
}
