package io.mediapurge.console;

import java.io.Serializable;
import java.time.Duration;

import io.mediapurge.purge.batch.RunHistory;

/** One run as the tables show it (bean properties, for the pages and the sort keys). */
public record RunRow(RunHistory.Run run) implements Serializable {

    public long getExecutionId() { return run.executionId(); }
    public String getBatchStatus() { return run.batchStatus(); }
    public Long getSubmissionId() { return run.submissionId(); }
    public String getRequestedBy() { return run.requestedBy(); }
    public boolean isDryRun() { return run.dryRun(); }
    public String getStarted() { return ConsoleText.time(run.started()); }
    public String getEnded() { return ConsoleText.time(run.ended()); }
    public String getDuration() { return ConsoleText.duration(run.duration()); }
    public long getRead() { return run.read(); }
    public long getDeleted() { return run.deleted(); }
    public long getIgnored() { return run.ignored(); }
    public long getForbidden() { return run.forbidden(); }
    public long getFailed() { return run.failed(); }
    public String getItemsPerSecond() { return run.itemsPerSecond() == null ? "" : String.format("%.1f", run.itemsPerSecond()); }
    public String getEndReason() { return run.endReason(); }
    /** Why it ended in words; nothing while it runs. */
    public String getWhyItEnded() {
        return ConsoleText.whyItEnded(run.batchStatus(), run.endReason());
    }
    public long getItemCount() { return run.itemCount(); }
    /** Share of the submission's items read so far, 0 to 100. */
    public int getProgress() { return run.itemCount() == 0 ? 0 : (int) Math.min(100, run.read() * 100 / run.itemCount()); }
    public Duration duration() { return run.duration(); }
}
