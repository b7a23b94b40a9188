package io.mediapurge.purge.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.Selector;
import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionIntake;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.DefaultPartitions;
import io.mediapurge.purge.batch.PurgeJobs;

import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A purge as a door drives it: submit selectors (and start the run at once or later), read the
 * submission and its items, start, stop, restart or abandon its runs. A run started (or restarted)
 * here is linked to its submission before the call returns, whichever door asked. Refusals are
 * {@link Submissions.Refused} (the submission's state does not allow it) and
 * {@link PurgeJobs.Refused} (unknown run, or its state does not allow it).
 */
@ApplicationScoped
public class PurgeService {

    /** A run's partitions each hold a thread and a database connection while it runs. */
    public static final int MAX_PARTITIONS = DefaultPartitions.MAX;
    /** The partition count a door passes when its caller chose none: the server's MEDIAPURGE_PURGE_PARTITIONS applies. */
    public static final int SERVER_DEFAULT_PARTITIONS = DefaultPartitions.UNSET;
    private static final Logger LOG = Logger.getLogger(PurgeService.class.getName());

    @Inject
    SubmissionIntake intake;

    @Inject
    Submissions submissions;

    @Inject
    PurgeJobs jobs;

    /**
     * What a submission did: its receipt (no submission when nothing was kept), and its run when
     * one was asked for and started; {@link #notStarted} when it was asked for and could not start
     * (the submission is kept, to be started later).
     */
    public record Launched(SubmissionIntake.Receipt receipt, boolean startAsked, Long executionId) {
        public boolean notStarted() {
            return startAsked && receipt.submissionId() != null && executionId == null;
        }
    }

    /** A submission of a list already checked whole; its run started at once when {@code start}. */
    public Launched submit(SubmissionIntake.Request request, List<Selector> selectors, boolean start, int partitions)
            throws IOException {
        checkPartitions(partitions);
        return launched(intake.receive(request, selectors), request.dryRun(), start, partitions);
    }

    /** A submission of a CSV's good lines (its bad lines reported by number); its run started at once when {@code start}. */
    public Launched submit(SubmissionIntake.Request request, SelectorCsv selectors, boolean start, int partitions)
            throws IOException {
        checkPartitions(partitions);
        return launched(intake.receive(request, selectors), request.dryRun(), start, partitions);
    }

    /**
     * A submission of selectors made on the server one at a time (e.g. a registry search read page
     * by page, of any size); {@code selectors} answers null after the last.
     */
    public Launched submit(SubmissionIntake.Request request, Supplier<Selector> selectors, boolean start, int partitions)
            throws IOException {
        return submit(request, selectors, id -> { }, start, partitions);
    }

    /**
     * As {@link #submit(SubmissionIntake.Request, Supplier, boolean, int)}, {@code opened} told the
     * new submission's ID inside the transaction that creates it (see {@link SubmissionIntake#receive}).
     */
    public Launched submit(SubmissionIntake.Request request, Supplier<Selector> selectors, LongConsumer opened, boolean start,
            int partitions) throws IOException {
        checkPartitions(partitions);
        return launched(intake.receive(request, selectors, opened), request.dryRun(), start, partitions);
    }

    /** A new submission (made as {@code request} says) of the FAILED items of {@code submissionId}. */
    public Launched retryFailed(long submissionId, SubmissionIntake.Request request, boolean start) throws IOException {
        return launched(intake.retryFailed(submissionId, request), request.dryRun(), start, 1);
    }

    /** The selectors of the dry run {@code dryRunId}, submitted again for real and started at once. */
    public Launched runForReal(long dryRunId, SubmissionIntake.Request request, int partitions) throws IOException {
        checkPartitions(partitions);
        return launched(intake.runForReal(dryRunId, request), false, true, partitions);
    }

    /** The submission, when a caller of {@code accountUid} may see it. */
    public Optional<Submissions.Summary> submission(long submissionId, String accountUid) {
        return submissions.find(submissionId, accountUid);
    }

    /** The submission, whichever account it belongs to (for a door that shows every account's). */
    public Optional<Submissions.Summary> submission(long submissionId) {
        return submissions.accountOf(submissionId).flatMap(account -> submissions.find(submissionId, account));
    }

    /** The account whose callers see the submission (its requester's); empty when there is no such submission. */
    public Optional<String> accountOf(long submissionId) {
        return submissions.accountOf(submissionId);
    }

    /** A page (from 1) of a submission's items, optionally of one outcome and reason. */
    public Submissions.ItemPage items(long submissionId, Outcome outcome, String reason, int page, int size) {
        return submissions.items(submissionId, outcome, reason, page, size);
    }

    /** The submission's items numbered {@code first + 1} to {@code first + size} in the order received (any page costs the same). */
    public List<Submissions.Item> itemsInOrderReceived(long submissionId, long first, int size) {
        return submissions.itemsInOrderReceived(submissionId, first, size);
    }

    /**
     * Starts the run of a submission made without one; a submission is started once (else
     * {@link Submissions.Refused}). Empty when the run could not start: the submission stays as it was.
     */
    public Optional<Long> start(long submissionId, int partitions) {
        checkPartitions(partitions);
        submissions.checkStartable(submissionId);
        Submissions.Summary submission = submission(submissionId).orElseThrow();
        return Optional.ofNullable(startRun(submissionId, submission.dryRun(), partitions));
    }

    /** The runs started for a submission (and any run that processed one of its requests), oldest first. */
    public List<Long> runsOf(long submissionId) {
        return submissions.executionIds(submissionId);
    }

    /** A purge-media execution, of any job; {@link PurgeJobs.Refused} (unknown) when there is none. */
    public JobExecution run(long executionId) {
        return jobs.execution(executionId);
    }

    /** The runs of one account's submissions, newest first; runs gone from the job repository are left out. */
    public List<JobExecution> runsOfAccount(String accountUid, int first, int max) {
        List<JobExecution> runs = new ArrayList<>();
        for (long id : submissions.executionIdsOfAccount(accountUid, first, max)) {
            try {
                runs.add(jobs.execution(id));
            } catch (PurgeJobs.Refused gone) {
                // recorded, but no longer in the job repository: nothing to show
            }
        }
        return runs;
    }

    /** Resumes a FAILED or STOPPED run from its checkpoint; answers the new execution's ID, linked to the run's submission. */
    public long restart(long executionId) {
        Long submissionId = submissionOf(jobs.execution(executionId));
        long restarted = jobs.restart(executionId);
        if (submissionId != null) {
            submissions.recordExecution(submissionId, restarted);
        }
        return restarted;
    }

    /** Asks a running run to stop after its current chunk; it ends STOPPED, restartable. */
    public void stop(long executionId) {
        jobs.stop(executionId);
    }

    /** Retires a finished run for good: it can no longer be restarted. */
    public void abandon(long executionId) {
        jobs.abandon(executionId);
    }

    /** The submission a run works for; null for a run over every account's pending requests. */
    public static Long submissionOf(JobExecution execution) {
        Properties parameters = execution.getJobParameters();
        String id = parameters == null ? null : parameters.getProperty("submissionId");
        try {
            return id == null ? null : Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Launched launched(SubmissionIntake.Receipt receipt, boolean dryRun, boolean start, int partitions) {
        Long execution = start && receipt.submissionId() != null ? startRun(receipt.submissionId(), dryRun, partitions) : null;
        return new Launched(receipt, start, execution);
    }

    /** The submission is kept even when its run cannot start: it can be started later. */
    private Long startRun(long submissionId, boolean dryRun, int partitions) {
        long execution;
        try {
            execution = jobs.start(submissionId, dryRun, partitions);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "purge-media could not start for submission " + submissionId, e);
            return null;
        }
        submissions.recordExecution(submissionId, execution);
        return execution;
    }

    /** The partition count a run gets when its starter passes {@link DefaultPartitions#UNSET} (MEDIAPURGE_PURGE_PARTITIONS). */
    public int defaultPartitions() {
        return jobs.defaultPartitions();
    }

    /** From 1 to {@link #MAX_PARTITIONS}, or {@link DefaultPartitions#UNSET} for the server's default. */
    private static void checkPartitions(int partitions) {
        if (partitions != DefaultPartitions.UNSET && (partitions < 1 || partitions > MAX_PARTITIONS)) {
            throw new IllegalArgumentException("partitions must be from 1 to " + MAX_PARTITIONS + ", not " + partitions);
        }
    }
}
