package io.mediapurge.console;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.primefaces.model.file.UploadedFile;

import io.mediapurge.purge.SelectorCsv;
import io.mediapurge.purge.SubmissionIntake;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** New purge: pasted selectors or an uploaded CSV, read by the same parser as the REST API's CSV. */
@Named
@ViewScoped
public class NewPurgeBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient PurgeLauncher launcher;

    /** The flash entry another page (the registry's "Purge these") leaves the selectors to paste in. */
    static final String PREFILLED_SELECTORS = "prefilledSelectors";

    private String selectors;
    private transient UploadedFile upload;
    private boolean physical = true;
    private boolean dryRun;
    private int partitions;
    private Long submissionId;
    private long kept;
    private long duplicates;
    private long rejected;
    private List<SubmissionIntake.LineError> errors = List.of();

    /**
     * The form starts with the server's default partition count (MEDIAPURGE_PURGE_PARTITIONS) and
     * with the selectors another page (the registry's "Purge these") left in the flash, if any.
     */
    @PostConstruct
    void prefill() {
        partitions = launcher.defaultPartitions();
        Object given = FacesContext.getCurrentInstance().getExternalContext().getFlash().get(PREFILLED_SELECTORS);
        if (given instanceof String text) {
            selectors = text;
        }
    }

    public String submit() throws IOException {
        boolean uploaded = upload != null && upload.getSize() > 0;
        if (!uploaded && (selectors == null || selectors.isBlank())) {
            message(FacesMessage.SEVERITY_WARN, "Paste media IDs or file URLs, one per line, or choose a CSV file.");
            return null;
        }
        PurgeLauncher.Launched launched;
        try (Reader reader = uploaded ? new InputStreamReader(upload.getInputStream(), StandardCharsets.UTF_8)
                : new StringReader(selectors)) {
            launched = launcher.launch(new SelectorCsv(reader), physical, dryRun, partitions);
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
            return null;
        }
        SubmissionIntake.Receipt receipt = launched.receipt();
        submissionId = receipt.submissionId();
        kept = receipt.items();
        duplicates = receipt.duplicates();
        rejected = receipt.rejected();
        errors = List.copyOf(receipt.errors());
        if (submissionId == null) {
            message(FacesMessage.SEVERITY_ERROR, "No line holds a valid media ID or file URL; nothing was kept.");
            return null;
        }
        if (launched.executionId() == null) {
            message(FacesMessage.SEVERITY_ERROR, "Submission " + submissionId + " was saved, but its run could not be started.");
            return null;
        }
        if (rejected > 0) {
            message(FacesMessage.SEVERITY_WARN, "Submission " + submissionId + " started with " + kept + " selectors; "
                    + rejected + " lines were not kept (below).");
            return null;
        }
        return "/console/submission.xhtml?faces-redirect=true&id=" + submissionId;
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String getSelectors() { return selectors; }
    public void setSelectors(String selectors) { this.selectors = selectors; }
    public UploadedFile getUpload() { return upload; }
    public void setUpload(UploadedFile upload) { this.upload = upload; }
    public boolean isPhysical() { return physical; }
    public void setPhysical(boolean physical) { this.physical = physical; }
    public boolean isDryRun() { return dryRun; }
    public void setDryRun(boolean dryRun) { this.dryRun = dryRun; }
    public int getPartitions() { return partitions; }
    public void setPartitions(int partitions) { this.partitions = partitions; }
    public int getMaxPartitions() { return PurgeLauncher.MAX_PARTITIONS; }
    public Long getSubmissionId() { return submissionId; }
    public long getKept() { return kept; }
    public long getDuplicates() { return duplicates; }
    public long getRejected() { return rejected; }
    public List<SubmissionIntake.LineError> getErrors() { return errors; }
}
