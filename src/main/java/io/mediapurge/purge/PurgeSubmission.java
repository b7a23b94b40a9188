package io.mediapurge.purge;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.mediapurge.access.RamUser;

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
 * One ask to delete a set of assets, of any size: the requester whose permissions apply, and
 * whether files go too. Its items are {@link DeletionRequest}s.
 */
@Entity
@Table(name = "purge_submission")
public class PurgeSubmission {

    @Id
    @SequenceGenerator(name = "purge_submission_seq", sequenceName = "purge_submission_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "purge_submission_seq")
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 16)
    private SubmissionSource source;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "requester_user_id", nullable = false, updatable = false)
    private RamUser requester;

    @Column(name = "requested_by", nullable = false, updatable = false, length = 128)
    private String requestedBy;

    @Column(name = "delete_physical_files", nullable = false, updatable = false)
    private boolean deletePhysicalFiles;

    @Column(name = "dry_run", nullable = false, updatable = false)
    private boolean dryRun;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private SubmissionStatus status;

    @Column(name = "item_count", nullable = false)
    private long itemCount;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "retry_of", updatable = false)
    private PurgeSubmission retryOf;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    protected PurgeSubmission() {
    }

    public PurgeSubmission(SubmissionSource source, RamUser requester, String requestedBy,
            boolean deletePhysicalFiles, boolean dryRun) {
        this.source = source;
        this.requester = requester;
        this.requestedBy = requestedBy;
        this.deletePhysicalFiles = deletePhysicalFiles;
        this.dryRun = dryRun;
        this.status = SubmissionStatus.RECEIVING;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public void retryOf(PurgeSubmission original) {
        this.retryOf = original;
    }

    public void received(long itemCount) {
        this.itemCount = itemCount;
        this.status = SubmissionStatus.PENDING;
    }

    public void moveTo(SubmissionStatus status) {
        this.status = status;
        if (status == SubmissionStatus.COMPLETED) {
            completedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
    }

    public Long getId() { return id; }
    public SubmissionSource getSource() { return source; }
    public RamUser getRequester() { return requester; }
    public String getRequestedBy() { return requestedBy; }
    public boolean isDeletePhysicalFiles() { return deletePhysicalFiles; }
    public boolean isDryRun() { return dryRun; }
    public SubmissionStatus getStatus() { return status; }
    public long getItemCount() { return itemCount; }
    public PurgeSubmission getRetryOf() { return retryOf; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getCompletedAt() { return completedAt; }
}
