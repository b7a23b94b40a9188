package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import io.mediapurge.purge.batch.RunHistory;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** Runs: every purge-media execution, a database page at a time, sortable, filterable by status. */
@Named
@ViewScoped
public class RunsBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final List<String> STATUSES = List.of("STARTING", "STARTED", "STOPPING", "STOPPED", "FAILED", "COMPLETED", "ABANDONED");

    private String status;
    private final Model runs = new Model();

    public class Model extends LazyDataModel<RunRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) history().page(status, null, null, false, 0, 1).total();
        }

        @Override
        public List<RunRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            SortMeta sort = sortBy.values().stream().findFirst().orElse(null);
            RunHistory.Page page = history().page(status, null, sort == null ? null : sort.getField(),
                    sort != null && sort.getOrder() == SortOrder.ASCENDING, first, pageSize);
            setRowCount((int) page.total());
            return page.runs().stream().map(RunRow::new).toList();
        }

        @Override
        public String getRowKey(RunRow run) {
            return String.valueOf(run.getExecutionId());
        }
    }

    static RunHistory history() {
        return CDI.current().select(RunHistory.class).get();
    }

    public List<String> getStatuses() { return STATUSES; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status == null || status.isEmpty() ? null : status; }
    public Model getRuns() { return runs; }
}
