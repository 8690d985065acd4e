package io.soleus.booking;

import static io.soleus.booking.Practice.ADMIN;
import static io.soleus.booking.Practice.MONDAY;
import static io.soleus.booking.Practice.on;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.soleus.booking.session.SessionCommands.RescheduleSession;
import io.soleus.booking.session.SessionDetails;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.junit.jupiter.api.Test;

/**
 * A reschedule takes the day schedules it needs in the one global order booking uses (therapist, room,
 * client; each by day), so two reschedules moving sessions in opposite directions never wait for each
 * other's schedules in a cycle. The race is played deterministically: each command, once it holds its
 * first day schedule, waits (briefly) for the other to hold one too. Taken in one order, the second
 * command cannot get its first schedule until the first command is done, and both succeed; taken in
 * the order each happens to need them, each would hold the day the other wants, a deadlock.
 */
class RescheduleLockOrderTest {

    private static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @Test
    void two_reschedules_in_opposite_directions_racing_both_succeed_at_once() throws Exception {
        RendezvousAtFirstLock locks = new RendezvousAtFirstLock();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (BookingScenario scenario = new BookingScenario(Practice.NOW, locks)) {
            Practice practice = new Practice();
            scenario.given(practice.setUp());
            SessionDetails mondays = scenario.givenResult(
                    practice.book(practice.runner, practice.maya, practice.riverside, on(MONDAY, "10:00")));
            SessionDetails tuesdays = scenario.givenResult(
                    practice.book(practice.cyclist, practice.maya, practice.riverside, on(TUESDAY, "10:00")));
            locks.armed = true;

            List<Future<SessionDetails>> moves = List.of(
                    threads.submit(() -> scenario.givenResult(new RescheduleSession(mondays.sessionId(), on(TUESDAY, "14:00"), ADMIN))),
                    threads.submit(() -> scenario.givenResult(new RescheduleSession(tuesdays.sessionId(), on(MONDAY, "14:00"), ADMIN))));

            assertThat(moves.get(0).get(30, TimeUnit.SECONDS).start()).isEqualTo(on(TUESDAY, "14:00"));
            assertThat(moves.get(1).get(30, TimeUnit.SECONDS).start()).isEqualTo(on(MONDAY, "14:00"));
        } finally {
            threads.shutdownNow();
        }
    }

    /** Axon's locks, with each racing thread waiting at its first day schedule until both hold one (or 2 s pass). */
    private static final class RendezvousAtFirstLock implements LockFactory {
        private final LockFactory locks = PessimisticLockFactory.usingDefaults();
        private final CyclicBarrier bothHoldOne = new CyclicBarrier(2);
        private final ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);
        volatile boolean armed;

        @Override
        public Lock obtainLock(String identifier) {
            Lock lock = locks.obtainLock(identifier);
            if (armed && !waited.get()) {
                waited.set(true);
                try {
                    bothHoldOne.await(2, TimeUnit.SECONDS);
                } catch (TimeoutException | BrokenBarrierException alone) {
                    // the other command waits for this very schedule: nothing to meet, go on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return lock;
        }
    }
}
