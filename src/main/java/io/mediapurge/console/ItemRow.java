package io.mediapurge.console;

import java.io.Serializable;

import io.mediapurge.purge.Submissions;

/** One item of a submission as its tables show it, with its asset's title. */
public record ItemRow(long id, String selector, String selectorType, String outcome, String reason, String mediaId, String title,
        Integer filesDeleted, Long jobExecutionId, String completedAt) implements Serializable {

    static ItemRow of(Submissions.Item item, String title) {
        return new ItemRow(item.id(), item.selector(), item.selectorType().name(), item.outcome().name(), item.reason(),
                item.mediaId(), title, item.filesDeleted(), item.jobExecutionId(),
                item.completedAt() == null ? null : item.completedAt().toInstant().toString());
    }

    // Getters for the pages and the exporter (EL reads bean properties).
    public long getId() { return id; }
    public String getSelector() { return selector; }
    public String getSelectorType() { return selectorType; }
    public String getOutcome() { return outcome; }
    public String getReason() { return reason; }
    public String getMediaId() { return mediaId; }
    public String getTitle() { return title; }
    public Integer getFilesDeleted() { return filesDeleted; }
    public Long getJobExecutionId() { return jobExecutionId; }
    public String getCompletedAt() { return completedAt; }
}
