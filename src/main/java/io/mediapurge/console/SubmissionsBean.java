package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.purge.Submissions;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** Submissions: every account's purge submissions, newest first, a database page at a time. */
@Named
@ViewScoped
public class SubmissionsBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Model submissions = new Model();
    private boolean capped;

    /** One submission as the list shows it. */
    public record Row(Submissions.Listed s) implements Serializable {
        public long getId() { return s.id(); }
        public String getStatus() { return s.status().name(); }
        public String getSource() { return s.source().name(); }
        public String getRequestedBy() { return s.requestedBy(); }
        public boolean isDryRun() { return s.dryRun(); }
        public boolean isPhysical() { return s.deletePhysicalFiles(); }
        public long getItems() { return s.itemCount(); }
        public String getCreated() { return s.createdAt() == null ? "" : ConsoleText.time(s.createdAt().toInstant()); }
        /** The day and the time of day apart, so the column holds two short lines. */
        public String getCreatedDay() { return getCreated().isEmpty() ? "" : getCreated().substring(0, getCreated().indexOf(' ')); }
        public String getCreatedTime() { return getCreated().isEmpty() ? "" : getCreated().substring(getCreated().indexOf(' ') + 1); }
        public long getDeleted() { return s.deleted(); }
        public long getIgnored() { return s.ignored(); }
        public long getForbidden() { return s.forbidden(); }
        public long getFailed() { return s.failed(); }
        public long getUndecided() { return s.undecided(); }
        public List<Long> getRuns() { return s.jobExecutionIds(); }
    }

    public class Model extends LazyDataModel<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            Submissions.ListPage page = service().list(0, 1);
            capped = page.totalCapped();
            return (int) page.total();
        }

        @Override
        public List<Row> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            Submissions.ListPage page = service().list(first, pageSize);
            capped = page.totalCapped();
            setRowCount((int) page.total());
            return page.submissions().stream().map(Row::new).toList();
        }

        @Override
        public String getRowKey(Row row) {
            return String.valueOf(row.getId());
        }
    }

    private static Submissions service() {
        return CDI.current().select(Submissions.class).get();
    }

    public Model getSubmissions() { return submissions; }
    /** More submissions exist than the table counts: it pages through the newest {@link Submissions#LIST_COUNT_CAP}. */
    public boolean isCapped() { return capped; }
    public int getCountCap() { return Submissions.LIST_COUNT_CAP; }
}
