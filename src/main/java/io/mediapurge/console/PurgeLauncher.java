package io.mediapurge.console;

import java.io.IOException;
import java.util.function.Supplier;

import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.service.PurgeService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's way to launch: the same {@link PurgeService} methods {@code POST /api/v1/purges}
 * calls (receive the selectors, start purge-media, record the run), as the signed-in user's RAM
 * identity.
 */
@ApplicationScoped
public class PurgeLauncher {

    /** As the REST API: a run's partitions each hold a thread and a database connection. */
    public static final int MAX_PARTITIONS = PurgeService.MAX_PARTITIONS;

    @Inject
    ConsoleGuard guard;

    @Inject
    ConsoleCaller caller;

    @Inject
    PurgeService purges;

    /** What happened: the receipt, and the run started for it (null when nothing was kept or it could not start). */
    public record Launched(SubmissionIntake.Receipt receipt, Long executionId) {
    }

    public Launched launch(SelectorCsv selectors, boolean physical, boolean dryRun, int partitions) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "START_PURGE", null);
        PurgeService.Launched launched = purges.submit(request(SubmissionSource.CONSOLE, physical, dryRun), selectors, true,
                Math.max(1, Math.min(MAX_PARTITIONS, partitions)));
        SubmissionIntake.Receipt receipt = launched.receipt();
        if (receipt.submissionId() == null) {
            guard.failed("START_PURGE", null, "no selector was kept (" + receipt.rejected() + " bad lines)");
            return new Launched(receipt, null);
        }
        Long execution = launched.executionId();
        guard.done("START_PURGE", "submission " + receipt.submissionId(), receipt.items() + " selectors"
                + (physical ? ", physical files too" : "") + (dryRun ? ", dry run" : "") + ", " + partitions + " partition(s)"
                + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /**
     * A dry run of selectors made on the server one at a time (e.g. a whole registry search read page
     * by page), started at once: the caller reads what it would delete, then runs it for real.
     */
    public Launched dryRunFrom(Supplier<Selector> selectors, String what) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "START_PURGE", what);
        PurgeService.Launched launched = purges.submit(request(SubmissionSource.CONSOLE, true, true), selectors, true, 1);
        SubmissionIntake.Receipt receipt = launched.receipt();
        if (receipt.submissionId() == null) {
            guard.failed("START_PURGE", what, "no selector was kept");
            return new Launched(receipt, null);
        }
        Long execution = launched.executionId();
        guard.done("START_PURGE", "submission " + receipt.submissionId(), receipt.items() + " selectors from " + what
                + ", dry run" + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /** A new submission of the FAILED items of {@code submissionId}, started at once. */
    public Launched retryFailed(long submissionId, boolean physical, boolean dryRun) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "RETRY_FAILED", "submission " + submissionId);
        PurgeService.Launched launched = purges.retryFailed(submissionId, request(SubmissionSource.RETRY, physical, dryRun), true);
        SubmissionIntake.Receipt receipt = launched.receipt();
        Long execution = launched.executionId();
        guard.done("RETRY_FAILED", "submission " + submissionId, "new submission " + receipt.submissionId() + ", "
                + receipt.items() + " selectors" + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /** The selectors of a finished dry run, submitted again for real and started at once. */
    public Launched runForReal(long dryRunId, boolean physical, int partitions) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "RUN_FOR_REAL", "submission " + dryRunId);
        PurgeService.Launched launched = purges.runForReal(dryRunId, request(SubmissionSource.CONSOLE, physical, false),
                Math.max(1, Math.min(MAX_PARTITIONS, partitions)));
        SubmissionIntake.Receipt receipt = launched.receipt();
        Long execution = launched.executionId();
        guard.done("RUN_FOR_REAL", "submission " + dryRunId, "new submission " + receipt.submissionId() + ", "
                + receipt.items() + " selectors" + (physical ? ", physical files too" : "")
                + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    private SubmissionIntake.Request request(SubmissionSource source, boolean physical, boolean dryRun) {
        return new SubmissionIntake.Request(source, caller.actsAs().orElseThrow(), "console:" + caller.getName(), physical, dryRun);
    }

    /** The partition count a run gets when nobody chooses one (MEDIAPURGE_PURGE_PARTITIONS). */
    public int defaultPartitions() {
        return purges.defaultPartitions();
    }
}
