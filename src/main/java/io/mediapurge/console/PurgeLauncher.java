package io.mediapurge.console;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionSource;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.PurgeJobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The console's way to launch: the same services {@code POST /api/v1/purges} uses (receive the
 * selectors, start purge-media, record the run), as the signed-in user's RAM identity.
 */
@ApplicationScoped
public class PurgeLauncher {

    /** As the REST API: a run's partitions each hold a thread and a database connection. */
    public static final int MAX_PARTITIONS = 16;
    private static final Logger LOG = Logger.getLogger(PurgeLauncher.class.getName());

    @Inject
    ConsoleGuard guard;

    @Inject
    ConsoleCaller caller;

    @Inject
    Submissions submissions;

    @Inject
    PurgeJobs jobs;

    /** What happened: the receipt, and the run started for it (null when nothing was kept or it could not start). */
    public record Launched(Submissions.Receipt receipt, Long executionId) {
    }

    public Launched launch(SelectorCsv selectors, boolean physical, boolean dryRun, int partitions) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "START_PURGE", null);
        Submissions.Receipt receipt = submissions.receive(request(SubmissionSource.CONSOLE, physical, dryRun), selectors);
        if (receipt.submissionId() == null) {
            guard.failed("START_PURGE", null, "no selector was kept (" + receipt.rejected() + " bad lines)");
            return new Launched(receipt, null);
        }
        Long execution = start(receipt.submissionId(), dryRun, partitions);
        guard.done("START_PURGE", "submission " + receipt.submissionId(), receipt.items() + " selectors"
                + (physical ? ", physical files too" : "") + (dryRun ? ", dry run" : "") + ", " + partitions + " partition(s)"
                + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /**
     * A dry run of selectors made on the server one at a time (e.g. a whole registry search read page
     * by page), started at once: the caller reads what it would delete, then runs it for real.
     */
    public Launched dryRunFrom(java.util.function.Supplier<io.mediapurge.purge.Selector> selectors, String what) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "START_PURGE", what);
        Submissions.Receipt receipt = submissions.receive(request(SubmissionSource.CONSOLE, true, true), selectors, id -> { });
        if (receipt.submissionId() == null) {
            guard.failed("START_PURGE", what, "no selector was kept");
            return new Launched(receipt, null);
        }
        Long execution = start(receipt.submissionId(), true, 1);
        guard.done("START_PURGE", "submission " + receipt.submissionId(), receipt.items() + " selectors from " + what
                + ", dry run" + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /** A new submission of the FAILED items of {@code submissionId}, started at once. */
    public Launched retryFailed(long submissionId, boolean physical, boolean dryRun) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "RETRY_FAILED", "submission " + submissionId);
        Submissions.Receipt receipt = submissions.retryFailed(submissionId, request(SubmissionSource.RETRY, physical, dryRun));
        Long execution = start(receipt.submissionId(), dryRun, 1);
        guard.done("RETRY_FAILED", "submission " + submissionId, "new submission " + receipt.submissionId() + ", "
                + receipt.items() + " selectors" + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    /** The selectors of a finished dry run, submitted again for real and started at once. */
    public Launched runForReal(long dryRunId, boolean physical, int partitions) throws IOException {
        guard.require(ConsoleGuard.Permission.LAUNCH, "RUN_FOR_REAL", "submission " + dryRunId);
        Submissions.Receipt receipt = submissions.runForReal(dryRunId, request(SubmissionSource.CONSOLE, physical, false));
        Long execution = start(receipt.submissionId(), false, partitions);
        guard.done("RUN_FOR_REAL", "submission " + dryRunId, "new submission " + receipt.submissionId() + ", "
                + receipt.items() + " selectors" + (physical ? ", physical files too" : "")
                + (execution == null ? ", run not started" : ", execution " + execution));
        return new Launched(receipt, execution);
    }

    private Submissions.Request request(SubmissionSource source, boolean physical, boolean dryRun) {
        return new Submissions.Request(source, caller.actsAs().orElseThrow(), "console:" + caller.getName(), physical, dryRun);
    }

    private Long start(long submissionId, boolean dryRun, int partitions) {
        long execution;
        try {
            execution = jobs.start(submissionId, dryRun, Math.max(1, Math.min(MAX_PARTITIONS, partitions)));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "purge-media could not start for submission " + submissionId, e);
            return null;
        }
        submissions.recordExecution(submissionId, execution);
        return execution;
    }
}
