package io.soleus.platform.command;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonTransientException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends commands from a service's API. A command that lost a race for an aggregate to a concurrent
 * command (on this instance or another) is sent again, so the loser re-reads the winner's events and
 * either succeeds or is refused by the rule it now breaks. A command sent under an
 * {@link IdempotencyKey} stores its answer in the command's own transaction; a repeat of the same
 * request answers that and acts no more, and a repeat with a different request is refused. Every
 * {@code POST} of a service's API takes a key, so no retry makes a duplicate.
 */
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    /** The request header that makes a command's request safe to repeat. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The response header that marks an answer as the stored result of an earlier identical request. */
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int CREATION_RETRIES = 2;

    private final CommandGateway gateway;
    private final TransactionTemplate transactions;
    private final IdempotentRequests requests;
    private final int maxAttempts;

    public Commands(CommandGateway gateway, TransactionTemplate transactions, JdbcTemplate jdbc, ObjectMapper mapper,
                    Clock clock, int maxAttempts) {
        this.gateway = gateway;
        this.transactions = transactions;
        this.requests = new IdempotentRequests(jdbc, mapper, clock);
        this.maxAttempts = maxAttempts;
    }

    /** A command's result, and whether it is the stored answer to an earlier identical request. */
    public record Outcome<R>(R result, boolean replayed) {

        /** An answer with {@code status}, marked {@code Idempotent-Replayed} when it repeats an earlier one. */
        public ResponseEntity.BodyBuilder answer(HttpStatus status) {
            ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
            return replayed ? response.header(REPLAYED, "true") : response;
        }
    }

    public <R> R send(Object command) {
        return retryingConflicts(() -> gateway.sendAndWait(command));
    }

    /**
     * Sends {@code command} once per {@link IdempotencyKey} and answers its result; without a key,
     * like {@link #send}. {@code request} is what the caller sent: a repeat must send the same.
     */
    public <R> Outcome<R> sendOnce(IdempotencyKey key, Object request, Object command, Class<R> resultType) {
        return once(key, request, () -> gateway.sendAndWait(command), resultType);
    }

    /**
     * Sends {@code command} once per {@link IdempotencyKey} and answers {@code answer}, decided before
     * sending (e.g. the ids the command creates); a repeat answers the first request's answer.
     */
    @SuppressWarnings("unchecked")
    public <R> Outcome<R> sendOnceAnswering(IdempotencyKey key, Object request, Object command, R answer) {
        return once(key, request, () -> {
            gateway.sendAndWait(command);
            return answer;
        }, (Class<R>) answer.getClass());
    }

    private <R> Outcome<R> once(IdempotencyKey key, Object request, Supplier<R> action, Class<R> resultType) {
        if (!key.present()) {
            return new Outcome<>(retryingConflicts(action), false);
        }
        return retryingConflicts(() -> transactions.execute(status -> {
            Optional<Outcome<R>> earlier = requests.claim(key, request, resultType);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            R result = action.get();
            requests.answered(key, result);
            return new Outcome<>(result, false);
        }));
    }

    /** Forgets keys older than {@code retention}; a request repeated later acts again. */
    public int forgetKeysOlderThan(Duration retention) {
        return requests.forgetOlderThan(retention);
    }

    private <T> T retryingConflicts(Supplier<T> attempt) {
        int creations = 0;
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                // Two commands creating the same aggregate at once: the loser's next attempt finds it and
                // goes on. Still refused after that, the command creates what exists: no retry helps.
                boolean creationConflict = causedBy(e, AggregateStreamCreationException.class);
                if (!isConflict(e) || tries >= maxAttempts || creationConflict && ++creations > CREATION_RETRIES) {
                    throw e;
                }
                log.debug("Command lost a race for an aggregate (attempt {}), sending it again", tries);
                pause(tries);
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    static boolean isConflict(Throwable e) {
        return causedBy(e, AxonTransientException.class) || causedBy(e, AggregateStreamCreationException.class)
                || causedBy(e, ConcurrencyFailureException.class) || retryableSqlState(e);
    }

    /** A serialization failure or deadlock victim (SQLSTATE class 40): the transaction may simply run again. */
    private static boolean retryableSqlState(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int tries) {
        long bound = Math.min(200, 5L << Math.min(tries, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1)); // jitter, so racers do not collide again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a command", e);
        }
    }
}
