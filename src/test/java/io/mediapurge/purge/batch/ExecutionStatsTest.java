package io.mediapurge.purge.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.mediapurge.jobrepository.ExecutionTables;

/**
 * A chunk's delta reaches the columns it is meant for: the statement is ExecutionTables', the
 * delta's order ExecutionStats', and a count must never land in its neighbour's column.
 */
class ExecutionStatsTest {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+) = (?:\\w+ \\+ \\?|GREATEST\\(\\w+, \\?\\)|\\?)");

    @Test
    void eachCountIsBoundToItsOwnColumn() throws Exception {
        ExecutionStats.Delta d = new ExecutionStats.Delta();
        d.read = 1;
        d.deleted = 2;
        d.ignored = 3;
        d.forbidden = 4;
        d.failed = 5;
        d.files = 6;
        d.bytes = 7;
        d.ossRequests = 8;
        d.roundTrips(9, 10, 11);
        OffsetDateTime now = OffsetDateTime.parse("2026-12-01T12:00:00Z");
        Map<Integer, Object> bound = new TreeMap<>();
        PreparedStatement st = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    bound.put((Integer) args[0], args[1]);
                    return null;
                });

        int next = ExecutionTables.bindAdd(st, 3, 77, d.addends(), now);

        List<String> columns = new ArrayList<>();
        Matcher m = PARAMETER.matcher(ExecutionTables.ADD);
        while (m.find()) {
            columns.add(m.group(1));
        }
        Map<String, Object> byColumn = new TreeMap<>();
        bound.forEach((index, value) -> byColumn.put(columns.get(index - 3), value));
        // 1. every parameter of the statement bound, from the given index on
        assertEquals(3 + columns.size(), next);
        // 2. each value in its column, the execution in the WHERE clause
        assertEquals(new TreeMap<>(Map.ofEntries(Map.entry("read_count", 1L), Map.entry("deleted_count", 2L),
                Map.entry("ignored_count", 3L), Map.entry("forbidden_count", 4L), Map.entry("failed_count", 5L),
                Map.entry("files_deleted", 6L), Map.entry("bytes_deleted", 7L), Map.entry("oss_requests", 8L),
                Map.entry("db_round_trips", 9L), Map.entry("max_read_round_trips", 10L),
                Map.entry("warm_up_round_trips", 11L), Map.entry("updated_at", now),
                Map.entry("job_execution_id", 77L))), byColumn);
    }
}
