package io.soleus.platform.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.soleus.platform.axon.BatchedUpdates;
import io.soleus.platform.test.SoleusSpringBootTest;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** A projection's statements wait for its unit of work's commit and then run as the handlers gave them. */
@SoleusSpringBootTest(classes = BridgeTestApplication.class)
class BatchedUpdatesTest {

    private static final String ADD = "INSERT INTO batched_counter (name, n) VALUES (?, ?)";
    private static final String DOUBLE = "UPDATE batched_counter SET n = n * 2 WHERE name = ?";
    private static final String INCREMENT = "UPDATE batched_counter SET n = n + ? WHERE name = ?";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;

    BatchedUpdates updates;

    @BeforeEach
    void anEmptyTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS batched_counter (name TEXT PRIMARY KEY, n INT NOT NULL)");
        jdbc.execute("TRUNCATE batched_counter");
        updates = new BatchedUpdates(jdbc);
    }

    @Test
    void statements_wait_for_the_commit_and_then_run_in_the_order_given() {
        transaction.executeWithoutResult(status -> {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            updates.update(ADD, "a", 1);
            updates.update(ADD, "b", 1);
            updates.update(INCREMENT, 2, "a");
            updates.update(DOUBLE, "a");
            updates.update(INCREMENT, 2, "a");
            updates.update(INCREMENT, 5, "b");
            updates.update(ADD, "c", 7);
            assertThat(counters()).as("the last run waits for the commit").containsExactly("a=8", "b=6");
            unit.commit();
        });

        // as given: a = ((1 + 2) * 2) + 2 = 8; grouped by statement it would be 10 or 6
        assertThat(counters()).containsExactly("a=8", "b=6", "c=7");
    }

    @Test
    void a_run_of_one_statement_waits_whole_and_a_rollback_drops_it() {
        transaction.executeWithoutResult(status -> {
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            for (int i = 0; i < 250; i++) {
                updates.update(ADD, "n" + i, i);
            }
            assertThat(counters()).isEmpty();
            unit.rollback();
        });

        assertThat(counters()).isEmpty();
    }

    @Test
    void outside_a_unit_of_work_a_statement_runs_at_once() {
        updates.update(ADD, "a", 3);

        assertThat(counters()).containsExactly("a=3");
    }

    private List<String> counters() {
        return jdbc.queryForList("SELECT name || '=' || n FROM batched_counter ORDER BY name", String.class);
    }
}
