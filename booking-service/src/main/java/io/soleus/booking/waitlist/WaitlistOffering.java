package io.soleus.booking.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.soleus.booking.therapist.TherapistCommands.ExceptionKind;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionAdded;
import io.soleus.booking.therapist.TherapistEvents.AvailabilityExceptionRemoved;
import io.soleus.booking.waitlist.WaitlistCommands.ExpireOffer;
import io.soleus.booking.waitlist.WaitlistCommands.OfferFreedTime;
import io.soleus.booking.waitlist.WaitlistCommands.OfferNewTime;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.booking.SessionCancelled;
import io.soleus.kernel.booking.SessionRescheduled;
import io.soleus.kernel.value.TimeSlot;
import io.soleus.platform.command.ActorOnCommands;
import io.soleus.platform.command.Commands;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sets the waitlist going: when a session is cancelled or moved, its time is offered ({@link Waitlists}),
 * and so is a therapist's new time (time off withdrawn, extra hours added);
 * and every little while, offers whose hold has run out are ended, each going to the next client.
 * Only fresh changes offer anything: a processor reading old history again (a new instance, a reset)
 * must not offer times that were freed long ago. An expiry sent by two instances at once ends the
 * offer once (the entry decides).
 */
@Component
@ProcessingGroup(WaitlistOffering.GROUP)
class WaitlistOffering {

    static final String GROUP = "waitlist-offering";
    /** A freed time older than this is history, not news. */
    static final Duration FRESH = Duration.ofHours(1);

    private final Commands commands;
    private final WaitlistQueries queries;
    private final Clock clock;
    private final int batch;

    WaitlistOffering(Commands commands, WaitlistQueries queries, Clock clock,
                     @Value("${soleus.waitlist.expiry-batch:100}") int batch) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
        this.batch = batch;
    }

    @EventHandler
    void on(SessionCancelled event) {
        if (fresh(event.cancelledAt())) {
            offer(new OfferFreedTime(event.sessionId(), null));
        }
    }

    @EventHandler
    void on(SessionRescheduled event) {
        if (fresh(event.rescheduledAt())) {
            offer(new OfferFreedTime(event.sessionId(), event.previousSlot()));
        }
    }

    /** Time off withdrawn is time to offer. */
    @EventHandler
    void on(AvailabilityExceptionRemoved event, @MetaDataValue(ActorOnCommands.ACTED_AT) String actedAt) {
        if (event.kind() == ExceptionKind.TIME_OFF && event.from() != null && freshAt(actedAt)) {
            offer(new OfferNewTime(event.therapistId(), event.clinicId(), new TimeSlot(event.from(), event.to())));
        }
    }

    /** So are extra hours at a clinic. */
    @EventHandler
    void on(AvailabilityExceptionAdded event, @MetaDataValue(ActorOnCommands.ACTED_AT) String actedAt) {
        if (event.kind() == ExceptionKind.EXTRA_HOURS && freshAt(actedAt)) {
            offer(new OfferNewTime(event.therapistId(), event.clinicId(), new TimeSlot(event.from(), event.to())));
        }
    }

    @Scheduled(fixedDelayString = "${soleus.waitlist.expiry-check:PT5S}", initialDelayString = "PT5S")
    void endExpiredOffers() {
        for (WaitlistQueries.Entry expired : queries.expiredOffers(clock.instant(), batch)) {
            commands.send(new ExpireOffer(expired.entryId(), expired.offerId()));
        }
    }

    /** A time someone booked meanwhile (the rule says which) is no time to offer: that is an answer, not a failure. */
    private void offer(Object command) {
        try {
            commands.send(command);
        } catch (RuleViolationException taken) {
            // the therapist's, a room's or the client's day holds something else now: nothing to offer
        }
    }

    /** Fresh by the service's clock when the change was made (its command's metadata); unknown is not fresh. */
    private boolean freshAt(String actedAt) {
        return actedAt != null && fresh(Instant.parse(actedAt));
    }

    private boolean fresh(Instant happened) {
        return happened.isAfter(clock.instant().minus(FRESH));
    }
}
