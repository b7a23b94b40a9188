package io.mediapurge.purge;

import static io.mediapurge.testing.SuiteSeed.ALPHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.mediapurge.access.PrincipalRef;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;

/** Inside the server: receiving in batches, each selector once, retrying failures, remembering runs. */
@ExtendWith(ArquillianExtension.class)
class SubmissionsIT {

    static final SubmissionIntake.Request ROOT = new SubmissionIntake.Request(SubmissionSource.REST, new PrincipalRef(ALPHA, "root"),
            ALPHA + "/root", false, false);

    @Inject
    Submissions submissions;

    @Inject
    SubmissionIntake intake;

    @Inject
    CompletionReport report;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource
    UserTransaction tx;

    /** Repeats far apart (in other batches) are still answered once: the database remembers, not the reader. */
    @Test
    void repeatsAcrossBatchesAreKeptOnce() throws Exception {
        String csv = IntStream.range(0, 1300).mapToObj(i -> "m%04d".formatted(i % 600)).collect(Collectors.joining("\n"));
        SubmissionIntake.Receipt receipt = intake.receive(ROOT, new SelectorCsv(new StringReader(csv)));
        assertEquals(600, receipt.items());
        assertEquals(700, receipt.duplicates());
        assertEquals(600L, em.createQuery("SELECT COUNT(d) FROM DeletionRequest d WHERE d.submission.id = :id", Long.class)
                .setParameter("id", receipt.submissionId()).getSingleResult());
        assertEquals(600, submissions.find(receipt.submissionId(), ALPHA).orElseThrow().counts().get(Outcome.PENDING));
    }

    @Test
    void aCsvWithoutOneGoodLineLeavesNothingBehind() throws Exception {
        long before = em.createQuery("SELECT COUNT(s) FROM PurgeSubmission s", Long.class).getSingleResult();
        SubmissionIntake.Receipt receipt = intake.receive(ROOT, new SelectorCsv(new StringReader("\n" + "x".repeat(5000) + "\n")));
        assertNull(receipt.submissionId());
        assertEquals(2, receipt.rejected());
        assertEquals(before, em.createQuery("SELECT COUNT(s) FROM PurgeSubmission s", Long.class).getSingleResult());
    }

    @Test
    void retryFailedMakesANewSubmissionOfTheFailedItemsOnly() throws Exception {
        long original = intake.receive(ROOT, List.of(Selector.mediaId("r1"), Selector.mediaId("r2"),
                Selector.url("oss://alpha-media/r3.mp4"))).submissionId();
        tx.begin();
        for (DeletionRequest d : em.createQuery("SELECT d FROM DeletionRequest d WHERE d.submission.id = :id ORDER BY d.id",
                DeletionRequest.class).setParameter("id", original).getResultList()) {
            boolean failed = !d.getSelector().equals("r2");
            d.conclude(failed ? Outcome.FAILED : Outcome.DELETED, failed ? "ServiceUnavailable" : null, null, 0, 0);
        }
        tx.commit();

        SubmissionIntake.Receipt retry = intake.retryFailed(original, new SubmissionIntake.Request(SubmissionSource.RETRY,
                new PrincipalRef(ALPHA, "ops"), ALPHA + "/ops", true, false));
        assertEquals(2, retry.items());
        Submissions.Summary summary = submissions.find(retry.submissionId(), ALPHA).orElseThrow();
        assertEquals(SubmissionSource.RETRY, summary.source());
        assertEquals(original, summary.retryOf());
        assertEquals(ALPHA + "/ops", summary.requester());
        assertEquals(2, summary.counts().get(Outcome.PENDING));
        assertEquals(List.of("r1", "oss://alpha-media/r3.mp4"), submissions.items(retry.submissionId(), null, null, 1, 10)
                .items().stream().map(Submissions.Item::selector).toList());
        assertEquals(List.of(SelectorType.MEDIA_ID, SelectorType.URL), submissions.items(retry.submissionId(), null, null, 1, 10)
                .items().stream().map(Submissions.Item::selectorType).toList());

        StringWriter csv = new StringWriter();
        report.write(original, csv);
        assertEquals(List.of(CompletionReport.HEADER, "r2,,DELETED,,0,", "r1,,FAILED,ServiceUnavailable,0,",
                "oss://alpha-media/r3.mp4,,FAILED,ServiceUnavailable,0,"),
                csv.toString().lines().map(l -> l.replaceAll(",[0-9T:.+\\-]+Z$", ",")).toList());
        assertEquals(1, submissions.items(original, Outcome.DELETED, null, 1, 10).total());
        assertEquals(2, submissions.items(original, null, "ServiceUnavailable", 1, 10).total());
    }

    @Test
    void aSubmissionsRunsAreRecordedOnceEach() throws Exception {
        long id = intake.receive(ROOT, List.of(Selector.mediaId("e1"))).submissionId();
        submissions.recordExecution(id, 987_001L);
        submissions.recordExecution(id, 987_001L);
        submissions.recordExecution(id, 987_002L);
        assertEquals(List.of(987_001L, 987_002L), submissions.executionIds(id));
        assertTrue(submissions.executionIdsOfAccount(ALPHA, 0, 1000).containsAll(List.of(987_001L, 987_002L)));
        assertTrue(submissions.executionIdsOfAccount("2000000000000002", 0, 1000).isEmpty());
        submissions.moveTo(id, SubmissionStatus.RUNNING);
        assertEquals(SubmissionStatus.RUNNING, submissions.find(id, ALPHA).orElseThrow().status());
        submissions.moveTo(id, SubmissionStatus.COMPLETED);
        assertTrue(submissions.find(id, ALPHA).orElseThrow().completedAt() != null);
    }
}
