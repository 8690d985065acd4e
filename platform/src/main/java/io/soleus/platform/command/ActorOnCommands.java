package io.soleus.platform.command;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

import io.soleus.kernel.Actor;
import io.soleus.platform.security.CurrentUser;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Puts who sent a command in its metadata: the subject and roles of the request's verified token, and
 * the service clock's time (the clock the domain's own times come from).
 * A correlation data provider copies them onto every event the command makes, so the event store
 * itself says who changed what, and when. Commands sent with no signed-in caller (a consumer's
 * handling of another service's event) carry none.
 */
public final class ActorOnCommands implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** The metadata naming who sent a command, and when by the service's clock, on the command and every event it made. */
    public static final String ACTOR = "actor";
    public static final String ACTOR_ROLES = "actorRoles";
    public static final String ACTED_AT = "actedAt";

    private final Clock clock;

    ActorOnCommands(Clock clock) {
        this.clock = clock;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Authentication caller = SecurityContextHolder.getContext().getAuthentication();
            if (!(caller instanceof JwtAuthenticationToken) || command.getMetaData().containsKey(ACTOR)) {
                return command;
            }
            Actor actor = CurrentUser.from(caller);
            String roles = actor.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            return command.andMetaData(Map.of(ACTOR, actor.id(), ACTOR_ROLES, roles, ACTED_AT, clock.instant().toString()));
        };
    }
}
