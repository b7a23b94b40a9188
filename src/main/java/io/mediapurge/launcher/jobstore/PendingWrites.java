package io.mediapurge.launcher.jobstore;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.transaction.Synchronization;

/**
 * The job repository's writes one transaction has made and not yet sent: checkpoints (by their
 * key) and step statuses (by step execution). A row written twice keeps its last value, as two
 * UPDATEs in a row would leave it. Just before the transaction commits, all of them go as one
 * statement of data-modifying WITH clauses; a rolled-back transaction drops them.
 */
final class PendingWrites implements Synchronization {

    private final Consumer<PendingWrites> sender;
    private final Map<String, byte[]> checkpoints = new LinkedHashMap<>();
    private final Map<Long, byte[]> stepStatuses = new LinkedHashMap<>();

    PendingWrites(Consumer<PendingWrites> sender) {
        this.sender = sender;
    }

    void checkpoint(String key, byte[] data) {
        checkpoints.put(key, data);
    }

    void stepStatus(long stepExecutionId, byte[] data) {
        stepStatuses.put(stepExecutionId, data);
    }

    boolean isEmpty() {
        return checkpoints.isEmpty() && stepStatuses.isEmpty();
    }

    /** Sends what waits, if anything, and forgets it. */
    void send() {
        if (!isEmpty()) {
            sender.accept(this);
            checkpoints.clear();
            stepStatuses.clear();
        }
    }

    @Override
    public void beforeCompletion() {
        send();
    }

    @Override
    public void afterCompletion(int status) {
        checkpoints.clear();
        stepStatuses.clear();
    }

    /**
     * The one statement: per checkpoint, an UPDATE of its row and an INSERT when the UPDATE found
     * none (Payara's checkpoint table has no key to upsert on); per step status, an UPDATE.
     */
    String sql(String checkpointTable, String stepStatusTable) {
        StringBuilder sql = new StringBuilder("WITH ");
        int n = 0;
        for (int i = 0; i < checkpoints.size(); i++, n++) {
            if (n > 0) {
                sql.append(", ");
            }
            sql.append("c").append(i).append(" AS (UPDATE ").append(checkpointTable)
                    .append(" SET obj = CAST(? AS bytea) WHERE id = CAST(? AS varchar) RETURNING 1), ")
                    .append("c").append(i).append("_new AS (INSERT INTO ").append(checkpointTable)
                    .append(" (id, obj) SELECT CAST(? AS varchar), CAST(? AS bytea) WHERE NOT EXISTS (SELECT 1 FROM c")
                    .append(i).append("))");
        }
        for (int i = 0; i < stepStatuses.size(); i++, n++) {
            if (n > 0) {
                sql.append(", ");
            }
            sql.append("s").append(i).append(" AS (UPDATE ").append(stepStatusTable)
                    .append(" SET obj = CAST(? AS bytea) WHERE id = CAST(? AS bigint))");
        }
        return sql.append(" SELECT ").append(n).toString();
    }

    /** Binds the values in the order {@link #sql} asks for them. */
    void bind(PreparedStatement statement) throws SQLException {
        int p = 1;
        for (Map.Entry<String, byte[]> c : checkpoints.entrySet()) {
            statement.setBytes(p++, c.getValue());
            statement.setString(p++, c.getKey());
            statement.setString(p++, c.getKey());
            statement.setBytes(p++, c.getValue());
        }
        for (Map.Entry<Long, byte[]> s : stepStatuses.entrySet()) {
            statement.setBytes(p++, s.getValue());
            statement.setLong(p++, s.getKey());
        }
    }
}
