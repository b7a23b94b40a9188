package io.mediapurge.purge.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.StringJoiner;

import javax.sql.DataSource;

import io.mediapurge.database.Database;
import io.mediapurge.database.SqlDialect;
import io.mediapurge.jobrepository.ExecutionTables;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.registry.MediaAsset;
import io.mediapurge.registry.MediaStatus;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Writes what a chunk decided, in the chunk's transaction: its requests' outcomes (concluded on the
 * entities by the writer), the tombstones of the assets the pipeline marked deleted, and the
 * execution's counts. On PostgreSQL that is one statement (data-modifying WITH clauses), where
 * EclipseLink's flush would send an UPDATE per request and per asset in two JDBC batches and the
 * counts in a third round trip. The requests were never managed there (the reader claims them
 * over JDBC); the tombstoned assets are detached, so EclipseLink writes them no second time. On
 * H2 (the embedded development default) EclipseLink writes the entities as usual.
 * The counts' part of the statement is ExecutionTables', which owns the SQL over purge_execution.
 */
@ApplicationScoped
public class ChunkRecord {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    @Inject
    SqlDialect dialect;

    @Inject
    ExecutionStats stats;

    /**
     * @param requests the chunk's requests, each concluded (terminal) and still PENDING in the database
     * @param tombstoned the assets the pipeline marked deleted in this chunk
     */
    public void write(long executionId, List<DeletionRequest> requests, List<MediaAsset> tombstoned, ExecutionStats.Delta delta) {
        if (!dialect.postgreSql()) {
            stats.add(executionId, delta);
            return;
        }
        StringJoiner rows = new StringJoiner(", ");
        requests.forEach(r -> rows.add("(?, ?, ?, ?, ?, ?)"));
        StringBuilder sql = new StringBuilder("WITH chunk (id, outcome, reason, media_id, files_deleted, bytes_deleted) AS (VALUES ")
                .append(rows).append(")");
        List<Long> assetIds = tombstoned.stream().map(MediaAsset::getId).distinct().toList();
        if (!assetIds.isEmpty()) {
            // the rows are locked by the pipeline's deletion stage since before OSS was asked; version as
            // EclipseLink would. The IDs are one array parameter, so a chunk of 20 requests sends the
            // same text as the last: the driver and the server parse and plan it once per connection.
            sql.append(", tombstones AS (UPDATE media_asset SET status = '").append(MediaStatus.Deleted.name())
                    .append("', deleted_at = ?, modified_at = ?, version = version + 1 WHERE id = ANY (?))");
        }
        sql.append(", counts AS (").append(ExecutionTables.ADD).append(")")
                .append(" UPDATE deletion_request r SET outcome = c.outcome, reason = c.reason, media_id = c.media_id,"
                        + " files_deleted = c.files_deleted, bytes_deleted = c.bytes_deleted, completed_at = ?, job_execution_id = ?"
                        + " FROM chunk c WHERE r.id = c.id AND r.outcome = 'PENDING'");
        int updated;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (DeletionRequest r : requests) {
                st.setLong(p++, r.getId());
                st.setString(p++, r.getOutcome().name());
                nullable(st, p++, r.getReason());
                nullable(st, p++, r.getMediaId());
                st.setInt(p++, r.getFilesDeleted() == null ? 0 : r.getFilesDeleted());
                st.setLong(p++, r.getBytesDeleted() == null ? 0 : r.getBytesDeleted());
            }
            if (!assetIds.isEmpty()) {
                OffsetDateTime when = tombstoned.get(0).getDeletedAt();
                st.setObject(p++, when);
                st.setObject(p++, when);
                st.setArray(p++, c.createArrayOf("bigint", assetIds.toArray()));
            }
            p = ExecutionTables.bindAdd(st, p, executionId, delta.addends(), ExecutionStats.now());
            st.setObject(p++, requests.get(0).getCompletedAt());
            st.setLong(p, executionId);
            updated = st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the chunk's outcomes could not be written: " + e.getMessage(), e);
        }
        if (updated != requests.size()) {
            // exactly one outcome per request: a request another run already ended rolls the chunk back
            throw new IllegalStateException(updated + " of the chunk's " + requests.size() + " requests were still pending");
        }
        // written: EclipseLink must not write the tombstones again at commit (the claimed requests
        // were never managed: the reader reads them over JDBC on PostgreSQL)
        tombstoned.forEach(em::detach);
    }

    private static void nullable(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }
}
