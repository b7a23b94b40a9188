package io.mediapurge.console;

import java.io.Serializable;

import io.mediapurge.schedule.MissedFires;
import io.mediapurge.schedule.RuleDefinition;
import io.mediapurge.schedule.RuleSelection;

/**
 * What the Schedules page's rule form holds while it is typed in: a new rule's defaults, a saved
 * rule's definition to edit, and the definition it stands for (blank fields as absent). Whether
 * it is a valid rule is {@code schedule.Rules}'s to say.
 */
public class RuleForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String name;
    private String cron = "0 3 * * *";
    private String timeZone = "UTC";
    private String ownerUid;
    private String bucket;
    private String keyPrefix;
    private String mediaType;
    private String businessType;
    private Integer olderThanDays;
    private boolean deletePhysicalFiles;
    private boolean dryRun;
    private Long maxItems;
    private int partitions = 1;
    private boolean enabled = true;
    private MissedFires missedFires = MissedFires.RUN_ONCE;

    /** A new rule's form: every field at its default, selecting the assets of {@code ownerUid}. */
    static RuleForm newRule(String ownerUid) {
        RuleForm form = new RuleForm();
        form.ownerUid = ownerUid;
        return form;
    }

    /** The form of a saved rule, to edit it. */
    static RuleForm of(RuleDefinition d) {
        RuleForm form = new RuleForm();
        RuleSelection s = d.select();
        form.name = d.name();
        form.cron = d.cron();
        form.timeZone = d.timeZone();
        form.ownerUid = s.ownerUid();
        form.bucket = s.bucket();
        form.keyPrefix = s.keyPrefix();
        form.mediaType = s.mediaType();
        form.businessType = s.businessType();
        form.olderThanDays = s.olderThanDays();
        form.deletePhysicalFiles = d.deletePhysicalFiles();
        form.dryRun = d.dryRun();
        form.maxItems = d.maxItems();
        form.partitions = d.partitions();
        form.enabled = d.enabled();
        form.missedFires = d.missedFires();
        return form;
    }

    /** The rule the form describes, acting as {@code actsAs}. */
    RuleDefinition definition(String actsAs) {
        return new RuleDefinition(blank(name), actsAs, cron, blank(timeZone) == null ? "UTC" : timeZone.strip(),
                new RuleSelection(blank(ownerUid), blank(bucket), blank(keyPrefix), blank(mediaType), blank(businessType), olderThanDays),
                deletePhysicalFiles, dryRun, maxItems, partitions, enabled, missedFires);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getOwnerUid() { return ownerUid; }
    public void setOwnerUid(String ownerUid) { this.ownerUid = ownerUid; }
    public String getBucket() { return bucket; }
    public void setBucket(String bucket) { this.bucket = bucket; }
    public String getKeyPrefix() { return keyPrefix; }
    public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
    public String getMediaType() { return mediaType; }
    public void setMediaType(String mediaType) { this.mediaType = mediaType; }
    public String getBusinessType() { return businessType; }
    public void setBusinessType(String businessType) { this.businessType = businessType; }
    public Integer getOlderThanDays() { return olderThanDays; }
    public void setOlderThanDays(Integer olderThanDays) { this.olderThanDays = olderThanDays; }
    public boolean isDeletePhysicalFiles() { return deletePhysicalFiles; }
    public void setDeletePhysicalFiles(boolean deletePhysicalFiles) { this.deletePhysicalFiles = deletePhysicalFiles; }
    public boolean isDryRun() { return dryRun; }
    public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
    public Long getMaxItems() { return maxItems; }
    public void setMaxItems(Long maxItems) { this.maxItems = maxItems; }
    public int getPartitions() { return partitions; }
    public void setPartitions(int partitions) { this.partitions = partitions; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public MissedFires getMissedFires() { return missedFires; }
    public void setMissedFires(MissedFires missedFires) { this.missedFires = missedFires; }
}
