package io.mediapurge.purge.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * How many partitions a run has: the job parameter {@code partitions}, each on a thread of its
 * own. Partitions need no properties: each claims whatever pending requests the others do not hold.
 * <p>
 * A restart always plans its partitions afresh (partitionsOverride): a normal restart reuses the
 * partition count the batch runtime saved when the step ended, and a server killed mid-run never
 * saved one (Payara's runtime then fails the restart with a NullPointerException). Nothing is
 * lost by starting the partitions' readers over: the pending rows are the truth, what was done is
 * no longer pending, and a fresh reader's first claim finds exactly what is left.
 */
@Named
@Dependent
public class PurgePartitions implements PartitionMapper {

    @Inject
    @BatchProperty
    String partitions;

    @Override
    public PartitionPlan mapPartitions() {
        int count = partitions == null || partitions.isBlank() ? 1 : Math.max(1, Integer.parseInt(partitions.trim()));
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(count);
        plan.setThreads(count);
        plan.setPartitionsOverride(true);
        return plan;
    }
}
