package io.mediapurge.purge;

import java.io.IOException;
import java.io.Writer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A submission's completion report as CSV, one row per request, by outcome (in alphabetical
 * order), then in request order: {@code selector,mediaId,outcome,reason,filesDeleted,time} (time:
 * when the outcome was decided, ISO-8601 UTC; empty while pending). Written page by page, keyset
 * on (outcome, id), which is the order of the (submission, outcome, id) index the job's queue
 * uses, so a million rows take the memory of one page and no sort.
 */
@ApplicationScoped
public class CompletionReport {

    public static final String HEADER = "selector,mediaId,outcome,reason,filesDeleted,time";
    static final int PAGE = 1000;

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    public void write(long submissionId, Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
        for (Outcome outcome : byName()) {
            long after = 0;
            while (true) {
                List<Object[]> rows = em.createQuery("SELECT d.id, d.selector, d.mediaId, d.reason, d.filesDeleted, d.completedAt"
                        + " FROM DeletionRequest d WHERE d.submission.id = :id AND d.outcome = :outcome AND d.id > :after"
                        + " ORDER BY d.id", Object[].class).setParameter("id", submissionId).setParameter("outcome", outcome)
                        .setParameter("after", after).setMaxResults(PAGE).getResultList();
                for (Object[] row : rows) {
                    after = (Long) row[0];
                    OffsetDateTime time = (OffsetDateTime) row[5];
                    out.write(field((String) row[1]) + "," + field((String) row[2]) + "," + outcome + "," + field((String) row[3])
                            + "," + (row[4] == null ? "" : row[4]) + ","
                            + (time == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.withOffsetSameInstant(ZoneOffset.UTC)))
                            + "\r\n");
                }
                out.flush();
                if (rows.size() < PAGE) {
                    break;
                }
            }
        }
    }

    /** Outcomes in the order the database sorts their names, as items pages come. */
    static List<Outcome> byName() {
        return Arrays.stream(Outcome.values()).sorted(Comparator.comparing(Outcome::name)).toList();
    }

    /**
     * RFC 4180 quoting; a cell a spreadsheet would run as a formula (= + - @) is prefixed with a
     * quote mark. Such a selector never names an asset, so no real selector is changed by it.
     */
    static String field(String value) {
        if (value == null) {
            return "";
        }
        String cell = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }
}
