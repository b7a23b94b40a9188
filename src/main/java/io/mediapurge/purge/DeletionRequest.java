package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One selector of a submission, pending until the pipeline gives it exactly one terminal outcome.
 * The id orders the queue, so a reader's checkpoint is simply the last id it read.
 */
@Entity
@Table(name = "deletion_request")
public class DeletionRequest {

    @Id
    @SequenceGenerator(name = "deletion_request_seq", sequenceName = "deletion_request_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "deletion_request_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "submission_id", nullable = false, updatable = false)
    private PurgeSubmission submission;

    /** The submission's key without loading it: the batch reader keeps what it needs of submissions per run. */
    @Column(name = "submission_id", insertable = false, updatable = false)
    private Long submissionId;

    @Column(nullable = false, updatable = false, length = 4096)
    private String selector;

    @Enumerated(EnumType.STRING)
    @Column(name = "selector_type", nullable = false, updatable = false, length = 8)
    private SelectorType selectorType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Outcome outcome;

    @Column(length = 64)
    private String reason;

    @Column(name = "media_id", length = 32)
    private String mediaId;

    @Column(name = "files_deleted")
    private Integer filesDeleted;

    @Column(name = "bytes_deleted")
    private Long bytesDeleted;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    /** Keeps a selector once per submission (see {@link Selector#digest()}); null for DeleteMediaInfos calls. */
    @Column(name = "selector_digest", updatable = false, length = 64)
    private String selectorDigest;

    /** The request's number within its submission, 1 to n in the order received; null for DeleteMediaInfos calls. */
    @Column(name = "item_no", updatable = false)
    private Long itemNo;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    protected DeletionRequest() {
    }

    public DeletionRequest(PurgeSubmission submission, String selector, SelectorType selectorType) {
        this.submission = submission;
        this.selector = selector;
        this.selectorType = selectorType;
        this.outcome = Outcome.PENDING;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The {@code itemNo}-th request of a submission that holds each selector once. */
    static DeletionRequest unique(PurgeSubmission submission, Selector selector, long itemNo) {
        DeletionRequest request = new DeletionRequest(submission, selector.text(), selector.type());
        request.selectorDigest = selector.digest();
        request.itemNo = itemNo;
        return request;
    }

    /**
     * A pending request as its row holds it, outside any persistence context: what the batch reader
     * claims over JDBC on PostgreSQL, where the chunk's outcomes are written by a statement of its
     * own and never by a flush. Its submission is known by its key alone.
     */
    public static DeletionRequest pending(long id, long submissionId, Selector selector, String selectorDigest, Long itemNo,
            OffsetDateTime createdAt) {
        DeletionRequest request = new DeletionRequest();
        request.id = id;
        request.submissionId = submissionId;
        request.selector = selector.text();
        request.selectorType = selector.type();
        request.outcome = Outcome.PENDING;
        request.selectorDigest = selectorDigest;
        request.itemNo = itemNo;
        request.createdAt = createdAt;
        return request;
    }

    /** Records the terminal outcome; a request is decided once. */
    public void conclude(Outcome outcome, String reason, String mediaId, int filesDeleted, long bytesDeleted) {
        if (!outcome.isTerminal()) {
            throw new IllegalArgumentException("not a terminal outcome: " + outcome);
        }
        if (this.outcome.isTerminal()) {
            throw new IllegalStateException("request " + id + " already ended " + this.outcome);
        }
        this.outcome = outcome;
        this.reason = reason;
        this.mediaId = mediaId;
        this.filesDeleted = filesDeleted;
        this.bytesDeleted = bytesDeleted;
        this.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The purge-media execution that decided this request. */
    public void decidedBy(long jobExecutionId) {
        this.jobExecutionId = jobExecutionId;
    }

    public Selector selector() {
        return new Selector(selector, selectorType);
    }

    public Long getId() { return id; }
    public PurgeSubmission getSubmission() { return submission; }
    public Long getSubmissionId() { return submissionId; }
    public String getSelector() { return selector; }
    public SelectorType getSelectorType() { return selectorType; }
    public Outcome getOutcome() { return outcome; }
    public String getReason() { return reason; }
    public String getMediaId() { return mediaId; }
    public Integer getFilesDeleted() { return filesDeleted; }
    public Long getBytesDeleted() { return bytesDeleted; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getCompletedAt() { return completedAt; }
    public Long getItemNo() { return itemNo; }
}
