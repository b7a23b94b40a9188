package io.mediapurge.schedule;

import java.time.Instant;
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
 * A retention rule of one account: which assets it selects, how they are purged, and when it
 * fires. {@code nextFireAt} is the next fire time not claimed by any server yet.
 */
@Entity
@Table(name = "purge_rule")
public class PurgeRule {

    @Id
    @SequenceGenerator(name = "purge_rule_seq", sequenceName = "purge_rule_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "purge_rule_seq")
    private Long id;

    @Column(name = "account_uid", nullable = false, updatable = false, length = 16)
    private String accountUid;

    @Column(nullable = false, length = 128)
    private String name;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "acts_as_user_id", nullable = false)
    private RamUser actsAs;

    @Column(nullable = false, length = 128)
    private String cron;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(name = "owner_uid", nullable = false, length = 16)
    private String ownerUid;

    @Column(length = 63)
    private String bucket;

    @Column(name = "key_prefix", length = 1024)
    private String keyPrefix;

    @Column(name = "media_type", length = 16)
    private String mediaType;

    @Column(name = "business_type", length = 32)
    private String businessType;

    @Column(name = "older_than_days")
    private Integer olderThanDays;

    @Column(name = "delete_physical_files", nullable = false)
    private boolean deletePhysicalFiles;

    @Column(name = "dry_run", nullable = false)
    private boolean dryRun;

    @Column(name = "max_items")
    private Long maxItems;

    @Column(nullable = false)
    private int partitions;

    @Column(nullable = false)
    private boolean enabled;

    @Enumerated(EnumType.STRING)
    @Column(name = "missed_fires", nullable = false, length = 16)
    private MissedFires missedFires;

    @Column(name = "next_fire_at")
    private OffsetDateTime nextFireAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 128)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected PurgeRule() {
    }

    public PurgeRule(String accountUid, String createdBy) {
        this.accountUid = accountUid;
        this.createdBy = createdBy;
        this.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Takes the author's definition (already checked) and plans the next fire from {@code now}. */
    void define(RuleDefinition d, RamUser actsAs, CronSchedule schedule, Instant now) {
        this.name = d.name();
        this.actsAs = actsAs;
        this.cron = schedule.expression();
        this.timeZone = schedule.zone().getId();
        RuleSelection s = d.select();
        this.ownerUid = s.ownerUid();
        this.bucket = s.bucket();
        this.keyPrefix = s.keyPrefix();
        this.mediaType = s.mediaType();
        this.businessType = s.businessType();
        this.olderThanDays = s.olderThanDays();
        this.deletePhysicalFiles = d.deletePhysicalFiles();
        this.dryRun = d.dryRun();
        this.maxItems = d.maxItems();
        this.partitions = d.partitions();
        this.missedFires = d.missedFires();
        enable(d.enabled(), schedule, now);
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** A rule switched on fires from its next fire time after now on; missed ones are not caught up. */
    void enable(boolean enabled, CronSchedule schedule, Instant now) {
        this.enabled = enabled;
        this.nextFireAt = enabled ? schedule.nextAfter(now).map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null) : null;
        this.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    public CronSchedule schedule() {
        return CronSchedule.of(cron, timeZone);
    }

    public RuleSelection selection() {
        return new RuleSelection(ownerUid, bucket, keyPrefix, mediaType, businessType, olderThanDays);
    }

    public String actsAsRef() {
        return actsAs.getAccount().getUid() + "/" + actsAs.getName();
    }

    public RuleDefinition definition() {
        return new RuleDefinition(name, actsAsRef(), cron, timeZone, selection(), deletePhysicalFiles, dryRun, maxItems, partitions,
                enabled, missedFires);
    }

    public Long getId() { return id; }
    public String getAccountUid() { return accountUid; }
    public String getName() { return name; }
    public RamUser getActsAs() { return actsAs; }
    public boolean isDeletePhysicalFiles() { return deletePhysicalFiles; }
    public boolean isDryRun() { return dryRun; }
    public Long getMaxItems() { return maxItems; }
    public int getPartitions() { return partitions; }
    public boolean isEnabled() { return enabled; }
    public MissedFires getMissedFires() { return missedFires; }
    public OffsetDateTime getNextFireAt() { return nextFireAt; }
    public String getCreatedBy() { return createdBy; }
    public OffsetDateTime getCreatedAt() { return createdAt; }
    public OffsetDateTime getUpdatedAt() { return updatedAt; }
}
