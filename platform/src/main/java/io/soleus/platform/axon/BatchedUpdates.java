package io.soleus.platform.axon;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The writes of a projection, sent to PostgreSQL a batch of events at a time instead of one round
 * trip a statement. Inside a unit of work (an event processor's batch) a statement waits for the
 * unit's commit, in the transaction that also moves the processor's token, and runs there in the
 * order the handlers gave: consecutive runs of the same statement go as one JDBC batch. Outside a
 * unit of work a statement runs at once. Only for handlers that never read, in Java, what earlier
 * handlers of their batch wrote (reads inside the statements themselves see it).
 */
public final class BatchedUpdates {

    private final JdbcTemplate jdbc;
    private final String resource = BatchedUpdates.class.getName() + "@" + System.identityHashCode(this);

    public BatchedUpdates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void update(String sql, Object... arguments) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, arguments);
            return;
        }
        pending().add(sql, arguments);
    }

    private Pending pending() {
        UnitOfWork<?> unit = CurrentUnitOfWork.get().root();
        return unit.getOrComputeResource(resource, key -> {
            Pending pending = new Pending();
            unit.onPrepareCommit(u -> pending.run());
            return pending;
        });
    }

    /** The statements not yet run: the latest run of one statement (a different statement runs those before it). */
    private final class Pending {
        private String sql;
        private final List<Object[]> rows = new ArrayList<>();

        void add(String statement, Object[] arguments) {
            if (!statement.equals(sql)) {
                run();
                sql = statement;
            }
            rows.add(arguments);
        }

        void run() {
            if (rows.size() == 1) {
                jdbc.update(sql, rows.get(0));
            } else if (!rows.isEmpty()) {
                jdbc.batchUpdate(sql, rows);
            }
            rows.clear();
            sql = null;
        }
    }
}
