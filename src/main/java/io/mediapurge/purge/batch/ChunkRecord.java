package io.mediapurge.purge.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.StringJoiner;

import io.mediapurge.database.SqlDialect;
import io.mediapurge.database.TransactionConnection;
import io.mediapurge.jobrepository.ExecutionTables;
import io.mediapurge.purge.DeletionRequest;
import io.mediapurge.purge.PurgePipeline;
import io.mediapurge.registry.MediaRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Writes what a chunk decided, in the chunk's transaction: its requests' outcomes (concluded on the
 * entities by the writer), the tombstones of the assets the deletion stage deleted, and the
 * execution's counts. On PostgreSQL that is one statement (data-modifying WITH clauses), where
 * EclipseLink's flush would send an UPDATE per request in a JDBC batch and the tombstones and
 * counts in round trips of their own. The requests were never managed there (the reader claims
 * them over JDBC). On H2 (the embedded development default) EclipseLink writes the requests as
 * usual, and the tombstones and counts have a statement each.
 * The counts' part of the statement is ExecutionTables', which owns the SQL over purge_execution.
 */
@ApplicationScoped
public class ChunkRecord {

    @Inject
    TransactionConnection connections;

    @Inject
    SqlDialect dialect;

    @Inject
    ExecutionStats stats;

    @Inject
    MediaRegistry registry;

    /**
     * @param requests the chunk's requests, each concluded (terminal) and still PENDING in the database
     * @param deletions what the chunk's deletion stages answered: the assets to tombstone
     */
    public void write(long executionId, List<DeletionRequest> requests, List<PurgePipeline.Deletion> deletions,
            ExecutionStats.Delta delta) {
        List<Long> assetIds = deletions.stream().flatMap(d -> d.tombstones().stream()).toList();
        OffsetDateTime tombstonedAt = deletions.stream().filter(d -> !d.tombstones().isEmpty()).map(PurgePipeline.Deletion::at)
                .findFirst().orElse(null);
        if (!dialect.postgreSql()) {
            registry.tombstone(assetIds, tombstonedAt);
            stats.add(executionId, delta);
            return;
        }
        StringJoiner rows = new StringJoiner(", ");
        requests.forEach(r -> rows.add("(?, ?, ?, ?, ?, ?)"));
        StringBuilder sql = new StringBuilder("WITH chunk (id, outcome, reason, media_id, files_deleted, bytes_deleted) AS (VALUES ")
                .append(rows).append(")");
        if (!assetIds.isEmpty()) {
            // the rows are locked by the pipeline's deletion stage since before OSS was asked. The IDs are
            // one array parameter, so a chunk of 20 requests sends the same text as the last: the driver
            // and the server parse and plan it once per connection.
            sql.append(", tombstones AS (").append(MediaRegistry.TOMBSTONES).append(")");
        }
        sql.append(", counts AS (").append(ExecutionTables.ADD).append(")")
                .append(" UPDATE deletion_request r SET outcome = c.outcome, reason = c.reason, media_id = c.media_id,"
                        + " files_deleted = c.files_deleted, bytes_deleted = c.bytes_deleted, completed_at = ?, job_execution_id = ?"
                        + " FROM chunk c WHERE r.id = c.id AND r.outcome = 'PENDING'");
        int updated;
        try {
            // on the chunk's one connection handle, which the claim, the registry and the lock used before
            updated = connections.run(c -> {
                try (PreparedStatement st = c.prepareStatement(sql.toString())) {
                    return bind(c, st, executionId, requests, assetIds, tombstonedAt, delta).executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("the chunk's outcomes could not be written: " + e.getMessage(), e);
        }
        if (updated != requests.size()) {
            // exactly one outcome per request: a request another run already ended rolls the chunk back
            throw new IllegalStateException(updated + " of the chunk's " + requests.size() + " requests were still pending");
        }
    }

    private static PreparedStatement bind(Connection c, PreparedStatement st, long executionId, List<DeletionRequest> requests,
            List<Long> assetIds, OffsetDateTime tombstonedAt, ExecutionStats.Delta delta) throws SQLException {
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
            p = MediaRegistry.bindTombstones(c, st, p, assetIds, tombstonedAt);
        }
        p = ExecutionTables.bindAdd(st, p, executionId, delta.addends(), ExecutionStats.now());
        st.setObject(p++, requests.get(0).getCompletedAt());
        st.setLong(p, executionId);
        return st;
    }

    private static void nullable(PreparedStatement st, int index, String value) throws SQLException {
        if (value == null) {
            st.setNull(index, Types.VARCHAR);
        } else {
            st.setString(index, value);
        }
    }
}
