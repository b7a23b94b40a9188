package io.mediapurge.console;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.purge.Outcome;
import io.mediapurge.purge.Submissions;
import io.mediapurge.purge.service.PurgeService;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaRegistry;

import jakarta.enterprise.inject.spi.CDI;

/**
 * A submission's items, one database page at a time, optionally of one outcome and reason; the
 * titles of a page's assets come in one registry query. Unfiltered, the items come in the order
 * received, by a range of their numbers (Submissions.itemsInOrderReceived), so any page of a
 * million costs the same; filtered, a page of Submissions.items. The totals the submission's
 * summary counted already are not counted again.
 */
public class ItemModel extends LazyDataModel<ItemRow> {

    private static final long serialVersionUID = 1L;

    private final long submissionId;
    private Outcome outcome;
    private String reason;
    private long itemCount;
    private Map<Outcome, Long> counts = Map.of();
    private long lastTotal = -1;

    ItemModel(long submissionId, Outcome outcome) {
        this.submissionId = submissionId;
        this.outcome = outcome;
    }

    void filter(Outcome outcome, String reason) {
        this.outcome = outcome;
        this.reason = reason == null || reason.isBlank() ? null : reason.strip();
        lastTotal = -1;
    }

    /** What the submission's summary says now: its size and its counts per outcome (the run moved on). */
    void known(long itemCount, Map<Outcome, Long> counts) {
        this.itemCount = itemCount;
        this.counts = Map.copyOf(counts);
        lastTotal = -1;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) Math.min(Integer.MAX_VALUE, total());
    }

    private long total() {
        if (reason == null) {
            return outcome == null ? itemCount : counts.getOrDefault(outcome, 0L);
        }
        if (lastTotal < 0) {
            lastTotal = purges().items(submissionId, outcome, reason, 1, 1).total();
        }
        return lastTotal;
    }

    @Override
    public List<ItemRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        int size = Math.max(1, Math.min(Submissions.MAX_PAGE_SIZE, pageSize));
        List<Submissions.Item> items = null;
        if (outcome == null && reason == null) {
            items = purges().itemsInOrderReceived(submissionId, first, size);
            if (items.size() < Math.min(size, itemCount - first)) {
                items = null; // requests stored without numbers: paged as filtered ones are
            }
        }
        if (items == null) {
            Submissions.ItemPage page = purges().items(submissionId, outcome, reason, first / size + 1, size);
            items = page.items();
            if (reason != null) {
                lastTotal = page.total();
            }
        }
        setRowCount((int) Math.min(Integer.MAX_VALUE, total()));
        List<String> ids = items.stream().map(Submissions.Item::mediaId).filter(Objects::nonNull).distinct().toList();
        Map<String, MediaAsset> assets = ids.isEmpty() ? Map.of() : CDI.current().select(MediaRegistry.class).get().byMediaIds(ids);
        return items.stream().map(i -> ItemRow.of(i, i.mediaId() == null || !assets.containsKey(i.mediaId()) ? null
                : assets.get(i.mediaId()).getTitle())).toList();
    }

    @Override
    public String getRowKey(ItemRow row) {
        return String.valueOf(row.id());
    }

    private static PurgeService purges() {
        return CDI.current().select(PurgeService.class).get();
    }
}
