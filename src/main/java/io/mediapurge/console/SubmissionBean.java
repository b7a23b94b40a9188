package io.mediapurge.console;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.SubmissionStatus;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.service.PurgeService;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One submission: status, counts per outcome, its runs, its items (all, Ignored, Forbidden), export, retry. */
@Named
@ViewScoped
public class SubmissionBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PurgeService purges;

    @Inject
    transient PurgeLauncher launcher;

    @Inject
    transient ConsoleGuard guard;

    static final int BUCKET_SAMPLE = 1000;

    @Inject
    transient io.mediapurge.registry.MediaRegistry registry;

    private Long id;
    private String bucketsForReal;
    private Submissions.Summary summary;
    private ItemModel items;
    private ItemModel ignored;
    private ItemModel forbidden;
    private String outcomeFilter;
    private String reasonFilter;

    public void load() {
        if (id == null) {
            return;
        }
        summary = purges.submission(id).orElse(null);
        if (summary != null && items == null) {
            items = new ItemModel(id, null);
            ignored = new ItemModel(id, Outcome.IGNORED);
            forbidden = new ItemModel(id, Outcome.FORBIDDEN);
        }
        if (summary != null) {
            for (ItemModel model : List.of(items, ignored, forbidden)) {
                model.known(summary.itemCount(), summary.counts());
            }
        }
    }

    /** The live part of the page (status, counts) is read again while it polls. */
    public void refresh() {
        load();
    }

    public void applyFilter() {
        Outcome outcome = outcomeFilter == null || outcomeFilter.isEmpty() ? null : Outcome.valueOf(outcomeFilter);
        items.filter(outcome, reasonFilter);
    }

    public String retryFailed() throws IOException {
        try {
            PurgeLauncher.Launched launched = launcher.retryFailed(id, summary.deletePhysicalFiles(), summary.dryRun());
            return "/console/submission.xhtml?faces-redirect=true&id=" + launched.receipt().submissionId();
        } catch (ConsoleRefused | Submissions.Refused e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
    }

    public String runForReal() throws IOException {
        try {
            PurgeLauncher.Launched launched = launcher.runForReal(id, summary.deletePhysicalFiles(), 1);
            return "/console/submission.xhtml?faces-redirect=true&id=" + launched.receipt().submissionId();
        } catch (ConsoleRefused | Submissions.Refused e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
    }

    /** A finished dry run can be run for real. */
    public boolean isRunnableForReal() {
        return summary != null && summary.dryRun() && summary.status() == SubmissionStatus.COMPLETED;
    }

    public long getWouldDelete() {
        return summary == null ? 0 : summary.counts().getOrDefault(Outcome.WOULD_DELETE, 0L);
    }

    /**
     * The buckets the run for real would delete files in, read from the files of the first
     * {@link #BUCKET_SAMPLE} assets it would delete ("and more" past them).
     */
    public String getBucketsForReal() {
        if (bucketsForReal == null) {
            Submissions.ItemPage page = purges.items(id, Outcome.WOULD_DELETE, null, 1, BUCKET_SAMPLE);
            List<String> ids = page.items().stream().map(Submissions.Item::mediaId).filter(java.util.Objects::nonNull).toList();
            java.util.TreeSet<String> buckets = new java.util.TreeSet<>();
            registry.byMediaIds(ids).values().forEach(a -> a.getFiles().forEach(f -> buckets.add(f.getBucket())));
            bucketsForReal = buckets.isEmpty() ? "no bucket" : String.join(", ", buckets) + (page.total() > BUCKET_SAMPLE ? " and more" : "");
        }
        return bucketsForReal;
    }

    /** Called by the exporter before it writes: exports are audited like any other read of many rows. */
    public void exported(String format) {
        guard.done("EXPORT", "submission " + id, format + (outcomeFilter == null || outcomeFilter.isEmpty() ? "" : ", outcome " + outcomeFilter)
                + (reasonFilter == null || reasonFilter.isBlank() ? "" : ", reason " + reasonFilter));
    }

    public boolean isLive() {
        return summary != null && (summary.status() == SubmissionStatus.RUNNING || summary.status() == SubmissionStatus.PENDING
                || summary.status() == SubmissionStatus.RECEIVING);
    }

    public boolean isRetryable() {
        return summary != null && !isLive() && summary.counts().getOrDefault(Outcome.FAILED, 0L) > 0;
    }

    public List<Map.Entry<Outcome, Long>> getCounts() {
        return summary == null ? List.of() : summary.counts().entrySet().stream()
                .filter(e -> e.getKey() != Outcome.WOULD_DELETE || summary.dryRun()).toList();
    }

    public List<String> getOutcomes() {
        return java.util.Arrays.stream(Outcome.values()).map(Enum::name).toList();
    }

    public Long getId() { return id; }
    public void setId(Long id) { this.id = id; }
    public Submissions.Summary getSummary() { return summary; }
    public ItemModel getItems() { return items; }
    public ItemModel getIgnored() { return ignored; }
    public ItemModel getForbidden() { return forbidden; }
    public String getOutcomeFilter() { return outcomeFilter; }
    public void setOutcomeFilter(String outcomeFilter) { this.outcomeFilter = outcomeFilter; }
    public String getReasonFilter() { return reasonFilter; }
    public void setReasonFilter(String reasonFilter) { this.reasonFilter = reasonFilter; }
}
