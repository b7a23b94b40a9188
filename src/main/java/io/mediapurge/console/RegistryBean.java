package io.mediapurge.console;

import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.purge.Selector;
import io.mediapurge.registry.AssetQuery;
import io.mediapurge.registry.AssetSearch;
import io.mediapurge.registry.MediaStatus;
import io.mediapurge.registry.ServiceRegion;
import io.mediapurge.storage.OssUrl;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Registry: assets found by ID, file URL, bucket and key prefix, owner, type, status and
 * registration time, newest registered first, a keyset page at a time (never counted). From a selection or
 * from the whole search, "Purge these".
 */
@Named
@ViewScoped
public class RegistryBean implements Serializable {

    private static final long serialVersionUID = 1L;
    @Inject
    transient PurgeLauncher launcher;

    private String mediaId;
    private String url;
    private String bucket;
    private String keyPrefix;
    private String owner;
    private String mediaType;
    private String status;
    private LocalDate registeredAfter;
    private LocalDate registeredBefore;
    private AssetQuery query = AssetQuery.everything();
    private List<AssetSearch.Row> selected = new ArrayList<>();
    private final Model assets = new Model();

    /** Keyset pages: the position each known page starts after; the row count admits one page past the last one seen. */
    public class Model extends LazyDataModel<AssetSearch.Row> {
        private static final long serialVersionUID = 1L;
        private final Map<Integer, AssetSearch.Cursor> below = new HashMap<>();
        private boolean more;

        void reset() {
            below.clear();
            more = false;
        }

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return 0; // the row count comes from load(): the table is never counted
        }

        @Override
        public List<AssetSearch.Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            if (first > 0 && !below.containsKey(first)) {
                first = 0; // a page not reached by paging (the page size changed): start over
            }
            List<AssetSearch.Row> rows = new ArrayList<>(assetSearch().page(query, below.get(first), pageSize + 1));
            more = rows.size() > pageSize;
            if (more) {
                rows.remove(pageSize);
                below.put(first + pageSize, rows.get(pageSize - 1).cursor());
            }
            setRowCount(first + rows.size() + (more ? 1 : 0));
            return rows;
        }

        @Override
        public String getRowKey(AssetSearch.Row row) {
            return String.valueOf(row.id());
        }

        @Override
        public AssetSearch.Row getRowData(String rowKey) {
            List<AssetSearch.Row> page = getWrappedData();
            return page == null ? null : page.stream().filter(r -> String.valueOf(r.id()).equals(rowKey)).findFirst().orElse(null);
        }

        public boolean isMore() {
            return more;
        }
    }

    /** Reads the search fields into a query; a field that cannot be understood says so and leaves the results as they were. */
    public void search() {
        String prefixBucket = blank(bucket);
        String prefixKey = keyPrefix == null || keyPrefix.isEmpty() ? null : keyPrefix;
        String urlText = blank(url);
        if (urlText != null) {
            OssUrl.Parsed parsed = OssUrl.parse(urlText, CDI.current().select(ServiceRegion.class).get().id());
            if (parsed instanceof OssUrl.Rejected rejected) {
                // "oss://bucket/" names a whole bucket; the URL parser wants a key.
                java.util.regex.Matcher wholeBucket = java.util.regex.Pattern.compile("oss://([a-z0-9-]{3,63})/?").matcher(urlText);
                if (!wholeBucket.matches()) {
                    message(FacesMessage.SEVERITY_ERROR, "File URL: " + rejected.reason());
                    return;
                }
                prefixBucket = wholeBucket.group(1);
                prefixKey = null;
            } else {
                OssUrl u = ((OssUrl.Accepted) parsed).url();
                prefixBucket = u.bucket();
                prefixKey = u.key();
            }
        }
        if (prefixKey != null && prefixBucket == null) {
            message(FacesMessage.SEVERITY_ERROR, "A key prefix needs its bucket.");
            return;
        }
        String id = blank(mediaId);
        if (id != null && !id.matches("[0-9a-f]{1,32}")) {
            message(FacesMessage.SEVERITY_ERROR, "Media ID: up to 32 lowercase hex digits (fewer find every ID that starts with them).");
            return;
        }
        String uid = blank(owner);
        if (uid != null && !uid.matches("[0-9]{16}")) {
            message(FacesMessage.SEVERITY_ERROR, "Owner account: a 16-digit account UID.");
            return;
        }
        if (registeredAfter != null && registeredBefore != null && !registeredAfter.isBefore(registeredBefore)) {
            message(FacesMessage.SEVERITY_ERROR, "Registered after must be a day before registered before.");
            return;
        }
        query = new AssetQuery(id, prefixBucket, prefixKey, uid, blank(mediaType),
                status == null || status.isEmpty() ? null : MediaStatus.valueOf(status),
                registeredAfter == null ? null : registeredAfter.atStartOfDay().atOffset(ZoneOffset.UTC),
                registeredBefore == null ? null : registeredBefore.atStartOfDay().atOffset(ZoneOffset.UTC));
        selected = new ArrayList<>();
        assets.reset();
    }

    /** The selected assets, pasted into the new-purge page, where the usual options and checks apply. */
    public String purgeSelected() {
        if (selected == null || selected.isEmpty()) {
            message(FacesMessage.SEVERITY_WARN, "Select assets first, or purge the whole search.");
            return null;
        }
        FacesContext.getCurrentInstance().getExternalContext().getFlash().put(NewPurgeBean.PREFILLED_SELECTORS,
                selected.stream().map(AssetSearch.Row::mediaId).collect(Collectors.joining("\n")));
        return "/console/new-purge.xhtml?faces-redirect=true";
    }

    /**
     * Every asset the search finds, read page by page on the server into a dry run: it shows what
     * would be deleted, ignored and forbidden, and offers Run it for real.
     */
    public String purgeSearch() throws IOException {
        AssetQuery q = query;
        AssetSearch search = assetSearch();
        AssetSearch.Cursor[] below = {null};
        java.util.Iterator<AssetSearch.Row>[] page = new java.util.Iterator[] {java.util.Collections.emptyIterator()};
        boolean[] exhausted = {false};
        java.util.function.Supplier<Selector> selectors = () -> {
            if (!page[0].hasNext() && !exhausted[0]) {
                List<AssetSearch.Row> rows = search.page(q, below[0], 500);
                exhausted[0] = rows.size() < 500;
                if (!rows.isEmpty()) {
                    below[0] = rows.get(rows.size() - 1).cursor();
                }
                page[0] = rows.iterator();
            }
            return page[0].hasNext() ? Selector.mediaId(page[0].next().mediaId()) : null;
        };
        PurgeLauncher.Launched launched;
        try {
            launched = launcher.dryRunFrom(selectors, "registry search " + describe(q));
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
            return null;
        }
        if (launched.receipt().submissionId() == null) {
            message(FacesMessage.SEVERITY_WARN, "The search finds no asset; nothing was submitted.");
            return null;
        }
        return "/console/submission.xhtml?faces-redirect=true&id=" + launched.receipt().submissionId();
    }

    static String describe(AssetQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.mediaIdPrefix() != null) parts.add("media ID " + q.mediaIdPrefix());
        if (q.bucket() != null) parts.add("files under oss://" + q.bucket() + "/" + (q.keyPrefix() == null ? "" : q.keyPrefix()));
        if (q.ownerUid() != null) parts.add("owner " + q.ownerUid());
        if (q.mediaType() != null) parts.add("type " + q.mediaType());
        if (q.status() != null) parts.add("status " + q.status());
        if (q.registeredAfter() != null) parts.add("registered from " + q.registeredAfter().toLocalDate());
        if (q.registeredBefore() != null) parts.add("registered before " + q.registeredBefore().toLocalDate());
        return parts.isEmpty() ? "(every asset)" : String.join(", ", parts);
    }

    public String getQueryText() {
        return describe(query);
    }

    public String time(AssetSearch.Row row) {
        return ConsoleText.time(row.registeredAt() == null ? null : row.registeredAt().toInstant());
    }

    private static AssetSearch assetSearch() {
        return CDI.current().select(AssetSearch.class).get();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public List<String> getStatuses() { return List.of(MediaStatus.Normal.name(), MediaStatus.Deleted.name()); }
    public String getMediaId() { return mediaId; }
    public void setMediaId(String mediaId) { this.mediaId = mediaId; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getBucket() { return bucket; }
    public void setBucket(String bucket) { this.bucket = bucket; }
    public String getKeyPrefix() { return keyPrefix; }
    public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getMediaType() { return mediaType; }
    public void setMediaType(String mediaType) { this.mediaType = mediaType; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public LocalDate getRegisteredAfter() { return registeredAfter; }
    public void setRegisteredAfter(LocalDate registeredAfter) { this.registeredAfter = registeredAfter; }
    public LocalDate getRegisteredBefore() { return registeredBefore; }
    public void setRegisteredBefore(LocalDate registeredBefore) { this.registeredBefore = registeredBefore; }
    public List<AssetSearch.Row> getSelected() { return selected; }
    public void setSelected(List<AssetSearch.Row> selected) { this.selected = selected; }
    public Model getAssets() { return assets; }
}
