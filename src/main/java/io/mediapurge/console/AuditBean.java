package io.mediapurge.console;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.audit.AuditEvent;
import io.mediapurge.audit.AuditLog;
import io.mediapurge.audit.AuditQuery;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

/**
 * Audit log: who did what, when, from where, allowed or not; searched by text, who, action,
 * target, time range and outcome, a database page at a time, and exported whole as CSV.
 */
@Named
@ViewScoped
public class AuditBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int EXPORT_BATCH = 1000;
    static final List<String> CSV_COLUMNS = List.of("when_utc", "who", "door", "from", "action", "target", "allowed", "detail");

    private String text;
    private String who;
    private String action;
    private String target;
    private LocalDateTime from;
    private LocalDateTime until;
    private String outcome;
    private final Model events = new Model();

    public class Model extends LazyDataModel<AuditEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) log().search(query(), 0, 1).total();
        }

        @Override
        public List<AuditEvent> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            AuditLog.Page page = log().search(query(), first, pageSize);
            setRowCount((int) page.total());
            return page.events();
        }

        @Override
        public String getRowKey(AuditEvent event) {
            return String.valueOf(event.getId());
        }
    }

    AuditQuery query() {
        return new AuditQuery(text, who, action, target, from == null ? null : from.atOffset(ZoneOffset.UTC),
                until == null ? null : until.atOffset(ZoneOffset.UTC),
                "allowed".equals(outcome) ? Boolean.TRUE : "refused".equals(outcome) ? Boolean.FALSE : null);
    }

    /** Every event the search finds, as CSV, written a database page at a time; the export itself is audited. */
    public void exportCsv() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ConsoleGuard guard = CDI.current().select(ConsoleGuard.class).get();
        guard.require(ConsoleGuard.Permission.READ, "EXPORT_AUDIT_LOG", null);
        if (from != null && until != null && !from.isBefore(until)) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, "From must be before until.", null));
            return;
        }
        ExternalContext external = faces.getExternalContext();
        external.responseReset();
        external.setResponseContentType("text/csv; charset=UTF-8");
        external.setResponseHeader("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
        long[] rows = {0};
        try (Writer out = new OutputStreamWriter(external.getResponseOutputStream(), StandardCharsets.UTF_8)) {
            out.write(String.join(",", CSV_COLUMNS) + "\r\n");
            log().forEach(query(), EXPORT_BATCH, page -> {
                try {
                    for (AuditEvent e : page) {
                        out.write(String.join(",", Csv.field(ConsoleText.time(e.getAt().toInstant())), Csv.field(e.getActor()),
                                Csv.field(e.getDoor()), Csv.field(e.getAddress()), Csv.field(e.getAction()), Csv.field(e.getTarget()),
                                e.isAllowed() ? "allowed" : "refused", Csv.field(e.getDetail())) + "\r\n");
                        rows[0]++;
                    }
                } catch (IOException ioe) {
                    throw new UncheckedIOException(ioe);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // The browser went away mid-download; what it has is a truncated file, and nothing else to tell it.
        }
        guard.done("EXPORT_AUDIT_LOG", null, rows[0] + " events as CSV, search: " + describe());
        faces.responseComplete();
    }

    private String describe() {
        AuditQuery q = query();
        return "text=" + q.text() + " who=" + q.who() + " action=" + q.action() + " target=" + q.target() + " from=" + q.from()
                + " until=" + q.until() + " allowed=" + q.allowed();
    }

    private static AuditLog log() {
        return CDI.current().select(AuditLog.class).get();
    }

    public String time(AuditEvent e) {
        return ConsoleText.time(e.getAt().toInstant());
    }

    public String getText() { return text; }
    public void setText(String text) { this.text = text; }
    public String getWho() { return who; }
    public void setWho(String who) { this.who = who; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getTarget() { return target; }
    public void setTarget(String target) { this.target = target; }
    public LocalDateTime getFrom() { return from; }
    public void setFrom(LocalDateTime from) { this.from = from; }
    public LocalDateTime getUntil() { return until; }
    public void setUntil(LocalDateTime until) { this.until = until; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public Model getEvents() { return events; }
}
