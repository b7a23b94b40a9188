package io.mediapurge.signing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.mediapurge.database.Database;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Signature nonces in table {@code request_nonce}, shared by every instance on the database.
 * First use is the INSERT that succeeds: the primary key (access key, nonce) makes a second
 * INSERT fail, on PostgreSQL and H2 alike, however the requests race. Expired rows are pruned
 * every {@link #PRUNE_EVERY} registrations, and an expired nonce may be used again.
 */
@ApplicationScoped
// Outside any caller's transaction: a refused INSERT must not poison it (PostgreSQL aborts the whole transaction).
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class DatabaseNonceRegistry implements NonceRegistry {

    static final int PRUNE_EVERY = 1000;
    private static final String UNIQUE_VIOLATION = "23505"; // SQLSTATE on PostgreSQL and H2
    private static final Logger LOG = Logger.getLogger(DatabaseNonceRegistry.class.getName());

    @Resource(lookup = Database.JNDI_NAME)
    DataSource dataSource;

    private final Clock clock = Clock.systemUTC();
    private final AtomicLong registrations = new AtomicLong();

    @Override
    public boolean firstUse(String accessKeyId, String nonce, Instant expiresAt) {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            if (registrations.incrementAndGet() % PRUNE_EVERY == 0) {
                pruneExpired(connection, now);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO request_nonce (access_key_id, nonce, expires_at) VALUES (?, ?, ?)")) {
                insert.setString(1, accessKeyId);
                insert.setString(2, nonce);
                insert.setObject(3, utc(expiresAt));
                insert.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
            // Seen before; only a use after the earlier request expired counts as first, and only for one racer.
            try (PreparedStatement renew = connection.prepareStatement("UPDATE request_nonce SET expires_at = ?"
                    + " WHERE access_key_id = ? AND nonce = ? AND expires_at < ?")) {
                renew.setObject(1, utc(expiresAt));
                renew.setString(2, accessKeyId);
                renew.setString(3, nonce);
                renew.setObject(4, utc(now));
                return renew.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            // Without the registry a replay cannot be told apart: the request fails rather than pass unchecked.
            throw new IllegalStateException("the nonce registry in " + Database.JNDI_NAME + " is not usable: "
                    + e.getMessage(), e);
        }
    }

    /** Removes nonces whose requests expired before {@code now}; returns how many. */
    public int pruneExpired(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            return pruneExpired(connection, now);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prune " + Database.JNDI_NAME + " request_nonce: " + e.getMessage(), e);
        }
    }

    private static int pruneExpired(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM request_nonce WHERE expires_at < ?")) {
            delete.setObject(1, utc(now));
            int pruned = delete.executeUpdate();
            LOG.fine(() -> "Pruned " + pruned + " expired signature nonces");
            return pruned;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
