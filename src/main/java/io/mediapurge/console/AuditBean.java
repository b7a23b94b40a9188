package io.mediapurge.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.audit.AuditEvent;
import io.mediapurge.audit.AuditLog;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/** Audit log: who did what, when, from where, allowed or not; searched, a database page at a time. */
@Named
@ViewScoped
public class AuditBean implements Serializable {

    private static final long serialVersionUID = 1L;

    private String text;
    private boolean refusedOnly;
    private final Model events = new Model();

    public class Model extends LazyDataModel<AuditEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) log().search(text, refusedOnly, 0, 1).total();
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            AuditLog.Page page = log().search(text, refusedOnly, first, pageSize);
            setRowCount((int) page.total());
            return page.events();
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    }

    private static AuditLog log() {
        return CDI.current().select(AuditLog.class).get();
    }

    public String time(AuditEvent e) {
        return ConsoleText.time(e.getAt().toInstant());
    }

    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public boolean isRefusedOnly() { return refusedOnly; }
    public void setRefusedOnly(boolean refusedOnly) { this.refusedOnly = refusedOnly; }
    public Model getEvents() { return events; }
}
