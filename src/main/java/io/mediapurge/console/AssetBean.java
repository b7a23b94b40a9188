package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;

import io.mediapurge.purge.DeletionHistory;
import io.mediapurge.registry.MediaFile;
import io.mediapurge.registry.MediaRegistry;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One registered asset: what it is, its files, and every deletion request that named it. */
@Named
@ViewScoped
public class AssetBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int HISTORY_SHOWN = 100;

    @Inject
    transient MediaRegistry registry;

    @Inject
    transient DeletionHistory history;

    private String id;
    private Facts asset;
    private List<FileRow> files = List.of();
    private List<HistoryRow> requests = List.of();

    /** What the page shows of the asset (the entity stays in the service's transaction). */
    public record Facts(String mediaId, String ownerUid, String title, String mediaType, String businessType, String inputUrl,
            String status, String registered, String deleted) implements Serializable {
    }

    public record FileRow(String bucket, String key, String role, Long size) implements Serializable {
    }

    public record HistoryRow(long submissionId, String selector, String outcome, String reason, boolean dryRun,
            String requestedBy, String requested, String completed) implements Serializable {
    }

    public void load() {
        if (id == null || !MediaRegistry.isMediaId(id)) {
            asset = null;
            return;
        }
        registry.byMediaId(id).ifPresentOrElse(a -> {
            asset = new Facts(a.getMediaId(), a.getOwnerUid(), a.getTitle(), a.getMediaType(), a.getBusinessType(), a.getInputUrl(),
                    a.getStatus().name(), ConsoleText.time(a.getCreatedAt().toInstant()),
                    a.getDeletedAt() == null ? "" : ConsoleText.time(a.getDeletedAt().toInstant()));
            files = a.getFiles().stream().sorted(java.util.Comparator.comparing(MediaFile::getId))
                    .map(f -> new FileRow(f.getBucket(), f.getObjectKey(), f.getRole().name(), f.getSizeBytes())).toList();
        }, () -> asset = null);
        requests = history.of(id, HISTORY_SHOWN).stream().map(e -> new HistoryRow(e.submissionId(), e.selector(), e.outcome().name(),
                e.reason(), e.dryRun(), e.requestedBy(), ConsoleText.time(e.requestedAt() == null ? null : e.requestedAt().toInstant()),
                ConsoleText.time(e.completedAt() == null ? null : e.completedAt().toInstant()))).toList();
    }

    /** This asset pasted into the new-purge page. */
    public String purge() {
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put(NewPurgeBean.PREFILLED_SELECTORS, asset.mediaId());
        return "/console/new-purge.xhtml?faces-redirect=true";
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public Facts getAsset() { return asset; }
    public List<FileRow> getFiles() { return files; }
    public List<HistoryRow> getRequests() { return requests; }
    public int getHistoryShown() { return HISTORY_SHOWN; }
}
