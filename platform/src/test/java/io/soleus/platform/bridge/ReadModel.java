package io.soleus.platform.bridge;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.soleus.kernel.id.SessionId;
import org.springframework.jdbc.core.JdbcTemplate;

/** Queries over the bridge test projection, for assertions. */
final class ReadModel {

    record Row(String sessionId, int events, long lastSequence, int outOfOrder, String lastType) {
    }

    private ReadModel() {
    }

    static Map<String, Row> sessions(JdbcTemplate jdbc, List<SessionId> sessions) {
        return jdbc.query("SELECT * FROM bridge_session WHERE session_id = ANY (?)",
                        (rs, i) -> new Row(rs.getString("session_id"), rs.getInt("events"), rs.getLong("last_sequence"),
                                rs.getInt("out_of_order"), rs.getString("last_type")),
                        (Object) ids(sessions))
                .stream().collect(Collectors.toMap(Row::sessionId, row -> row));
    }

    static List<Row> all(JdbcTemplate jdbc) {
        return jdbc.query("SELECT * FROM bridge_session ORDER BY session_id",
                (rs, i) -> new Row(rs.getString("session_id"), rs.getInt("events"), rs.getLong("last_sequence"),
                        rs.getInt("out_of_order"), rs.getString("last_type")));
    }

    /** Whether each session shows exactly {@code events} events, all in order. */
    static boolean complete(JdbcTemplate jdbc, List<SessionId> sessions, int events) {
        Map<String, Row> rows = sessions(jdbc, sessions);
        return rows.size() == sessions.size()
                && rows.values().stream().allMatch(row -> row.events() == events && row.outOfOrder() == 0);
    }

    static long handledEvents(JdbcTemplate jdbc, List<SessionId> sessions) {
        return jdbc.queryForObject("SELECT count(*) FROM bridge_handled_event WHERE session_id = ANY (?)",
                Long.class, (Object) ids(sessions));
    }

    static long eventsHandledTwice(JdbcTemplate jdbc, List<SessionId> sessions) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM (SELECT event_id FROM bridge_handled_event WHERE session_id = ANY (?)
                                      GROUP BY event_id HAVING count(*) > 1) doubled""",
                Long.class, (Object) ids(sessions));
    }

    private static String[] ids(List<SessionId> sessions) {
        return sessions.stream().map(SessionId::toString).toArray(String[]::new);
    }
}
