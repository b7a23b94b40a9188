package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.batch.RunHistory;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Dashboard: requests by outcome, running executions (polled), throughput of recent runs, latest failed runs and FAILED items. */
@Named
@ViewScoped
public class DashboardBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient RunHistory history;

    @Inject
    transient Submissions submissions;

    /** A FAILED item as the dashboard lists it. */
    public record FailedItemRow(long submissionId, Submissions.Item item) {
        public long getSubmissionId() { return submissionId; }
        public Submissions.Item getItem() { return item; }
        public String getCompleted() { return item.completedAt() == null ? "" : ConsoleText.time(item.completedAt().toInstant()); }
    }

    private transient List<FailedItemRow> failedItems;

    public Map<String, Long> getTotals() {
        return history.outcomeTotals();
    }

    public List<RunRow> getRunning() {
        return history.page("STARTED", null, null, false, 0, 10).runs().stream().map(RunRow::new).toList();
    }

    public List<RunRow> getFailed() {
        return history.page("FAILED", null, null, false, 0, 5).runs().stream().map(RunRow::new).toList();
    }

    public List<FailedItemRow> getFailedItems() {
        if (failedItems == null) {
            failedItems = submissions.latestFailed(10).stream().map(f -> new FailedItemRow(f.submissionId(), f.item())).toList();
        }
        return failedItems;
    }

    /** Items per second of the latest 20 runs, oldest first, as a Chart.js line chart. */
    public String getThroughputChart() {
        List<RunRow> recent = history.page(null, null, null, false, 0, 20).runs().stream().map(RunRow::new).toList();
        StringBuilder labels = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = recent.size() - 1; i >= 0; i--) {
            RunRow r = recent.get(i);
            labels.append(labels.length() == 0 ? "" : ",").append('"').append('#').append(r.getExecutionId()).append('"');
            values.append(values.length() == 0 ? "" : ",").append(r.getItemsPerSecond().isEmpty() ? "0" : r.getItemsPerSecond());
        }
        return "{\"type\":\"line\",\"data\":{\"labels\":[" + labels + "],\"datasets\":[{\"label\":\"items per second\","
                + "\"data\":[" + values + "],\"borderColor\":\"#3b82f6\",\"tension\":0.2}]},"
                + "\"options\":{\"animation\":false,\"plugins\":{\"legend\":{\"display\":false}}}}";
    }
}
