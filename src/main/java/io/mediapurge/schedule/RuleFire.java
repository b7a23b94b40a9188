package io.mediapurge.schedule;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * One fire of a rule: first the claim of the server firing it (unique per rule and fire time, held
 * by a lease), then what it did. See {@link RuleFiring} for how a claim moves on.
 */
@Entity
@Table(name = "rule_fire")
public class RuleFire {

    /** Where a fire is: held by a server (CLAIMED, STARTING) or ended (the others). */
    public enum State {
        /** A server is materialising the fire's submission. */
        CLAIMED,
        /** The submission is complete and its run is being started. */
        STARTING,
        /** Its run was started (or nothing matched: no submission). */
        FIRED,
        /** Not fired: the rule's previous submission was still going, or the fire time was missed. */
        SKIPPED,
        /** Could not be fired; the reason says why. */
        FAILED
    }

    @Id
    @SequenceGenerator(name = "rule_fire_seq", sequenceName = "rule_fire_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rule_fire_seq")
    private Long id;

    @Column(name = "rule_id", nullable = false, updatable = false)
    private long ruleId;

    @Column(name = "scheduled_at", nullable = false, updatable = false)
    private OffsetDateTime scheduledAt;

    @Column(nullable = false, updatable = false)
    private boolean manual;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private State state;

    @Column(nullable = false, length = 64)
    private String server;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "lease_until", nullable = false)
    private OffsetDateTime leaseUntil;

    @Column(name = "fired_at", nullable = false, updatable = false)
    private OffsetDateTime firedAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    private Long matched;

    private Boolean capped;

    @Column(name = "submission_id")
    private Long submissionId;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(length = 500)
    private String reason;

    protected RuleFire() {
    }

    RuleFire(long ruleId, OffsetDateTime scheduledAt, boolean manual, State state, String server, OffsetDateTime now,
            OffsetDateTime leaseUntil) {
        this.ruleId = ruleId;
        this.scheduledAt = scheduledAt;
        this.manual = manual;
        this.state = state;
        this.server = server;
        this.attempts = 1;
        this.firedAt = now;
        this.leaseUntil = leaseUntil;
        if (state == State.SKIPPED) {
            this.endedAt = now;
        }
    }

    RuleFire skippedBecause(String reason) {
        this.reason = reason.length() > 500 ? reason.substring(0, 500) : reason;
        return this;
    }

    public Long getId() { return id; }
    public long getRuleId() { return ruleId; }
    public OffsetDateTime getScheduledAt() { return scheduledAt; }
    public boolean isManual() { return manual; }
    public State getState() { return state; }
    public String getServer() { return server; }
    public int getAttempts() { return attempts; }
    public OffsetDateTime getLeaseUntil() { return leaseUntil; }
    public OffsetDateTime getFiredAt() { return firedAt; }
    public OffsetDateTime getEndedAt() { return endedAt; }
    public Long getMatched() { return matched; }
    public Boolean getCapped() { return capped; }
    public Long getSubmissionId() { return submissionId; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public String getReason() { return reason; }
}
