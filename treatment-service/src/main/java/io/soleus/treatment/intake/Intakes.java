package io.soleus.treatment.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.kernel.Actor;
import io.soleus.kernel.NotAllowedException;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.Require;
import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.ConsentGiven;
import io.soleus.kernel.treatment.ConsentWithdrawn;
import io.soleus.kernel.treatment.IntakeSubmitted;
import io.soleus.kernel.treatment.RedFlagCleared;
import io.soleus.kernel.treatment.RedFlagRaised;
import io.soleus.kernel.value.ConsentKind;
import io.soleus.kernel.value.ConsentVia;
import io.soleus.platform.axon.Aggregates;
import io.soleus.treatment.ClinicalPolicy;
import io.soleus.treatment.booking.BookingFacts;
import io.soleus.treatment.outcome.CaseOutcomes;
import io.soleus.treatment.intake.IntakeCommands.ClearRedFlag;
import io.soleus.treatment.intake.IntakeCommands.GiveConsent;
import io.soleus.treatment.intake.IntakeCommands.IntakeReceived;
import io.soleus.treatment.intake.IntakeCommands.SubmitIntake;
import io.soleus.treatment.intake.IntakeCommands.WithdrawConsent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps clients' files at clinics: intakes and consents. A client answers for themself at a clinic
 * where they have a session; the clinic's staff may enter answers and record consent at the desk for
 * a client with a session or a case there. For anyone else the client or clinic does not exist (404). Treatment records
 * ask {@link #ensureConsentedToTreatment} first.
 */
@Component
public class Intakes {

    private final Repository<ClientFile> files;
    private final EventStore events;
    private final QuestionnaireSettings settings;
    private final BookingFacts booking;
    private final CaseOutcomes cases;
    private final ObjectMapper json;
    private final Clock clock;

    public Intakes(@Qualifier("clientFileRepository") Repository<ClientFile> files, EventStore events, QuestionnaireSettings settings,
                   BookingFacts booking, CaseOutcomes cases, ObjectMapper json, Clock clock) {
        this.files = files;
        this.events = events;
        this.settings = settings;
        this.booking = booking;
        this.cases = cases;
        this.json = json;
        this.clock = clock;
    }

    @CommandHandler
    public IntakeReceived handle(SubmitIntake command) {
        // the answers are judged first: bad input is told as such to anyone, and tells nothing of the client
        String language = Require.language("language", command.language() == null ? "en" : command.language());
        IntakeForm form = settings.intakeForm(command.clinicId());
        Map<String, String> answers = form.accept(command.answers());
        ConsentVia via = checkAccess(command.clientId(), command.clinicId(), command.by());
        Instant now = clock.instant();
        IntakeSubmitted intake = new IntakeSubmitted(command.clientId(), command.clinicId(), form.form(), form.version(),
                language, write(answers), now);
        Aggregate<ClientFile> file = update(command.clientId(), command.clinicId(), () -> new ClientFile(intake),
                it -> it.submit(intake));
        List<String> flags = form.redFlags(answers);
        if (!flags.isEmpty()) {
            file.execute(it -> it.raise(new RedFlagRaised(command.clientId(), command.clinicId(), form.form(),
                    form.version(), String.join(",", flags), now)));
        }
        for (ConsentKind kind : kinds(command.consents())) {
            file.execute(it -> it.give(new ConsentGiven(command.clientId(), command.clinicId(), kind,
                    form.consent(kind).version(), via, now)));
        }
        return new IntakeReceived(!flags.isEmpty());
    }

    @CommandHandler
    public void handle(GiveConsent command) {
        ConsentVia via = checkAccess(command.clientId(), command.clinicId(), command.by());
        Set<ConsentKind> kinds = Require.size("kinds", kinds(command.kinds()), 1, ConsentKind.values().length);
        Instant now = clock.instant();
        IntakeForm form = settings.intakeForm(command.clinicId());
        List<ConsentGiven> given = kinds.stream().map(kind -> new ConsentGiven(command.clientId(), command.clinicId(), kind,
                form.consent(kind).version(), via, now)).toList();
        Aggregate<ClientFile> file = update(command.clientId(), command.clinicId(), () -> new ClientFile(given.get(0)),
                it -> it.give(given.get(0)));
        given.stream().skip(1).forEach(consent -> file.execute(it -> it.give(consent)));
    }

    @CommandHandler
    public void handle(WithdrawConsent command) {
        ConsentVia via = checkAccess(command.clientId(), command.clinicId(), command.by());
        Set<ConsentKind> kinds = Require.size("kinds", kinds(command.kinds()), 1, ConsentKind.values().length);
        Aggregate<ClientFile> file = existing(command.clientId(), command.clinicId())
                .orElseThrow(() -> ConsentRequired.nothingToWithdraw());
        Instant now = clock.instant();
        kinds.forEach(kind -> file.execute(it -> it.withdraw(new ConsentWithdrawn(command.clientId(), command.clinicId(),
                kind, via, now))));
    }

    /** Only the clinic's staff clear a red flag, for a client with a session or a case there. */
    @CommandHandler
    public void handle(ClearRedFlag command) {
        String note = Require.text("note", command.note(), 2000);
        if (checkAccess(command.clientId(), command.clinicId(), command.by()) != ConsentVia.DESK) {
            throw new NotAllowedException("staff-only", "Only the clinic's staff may clear a red flag");
        }
        RedFlagCleared clearance = new RedFlagCleared(command.clientId(), command.clinicId(), command.by().id(), note,
                clock.instant());
        existing(command.clientId(), command.clinicId()).orElseThrow(() -> new RuleViolationException("no-red-flag",
                "The client has no intake at this clinic")).execute(file -> file.clear(clearance));
    }

    /**
     * Refuses a treatment record (409 {@code consent-required}) unless the client consents at the clinic
     * now to treatment and to the processing of its data.
     */
    public void ensureConsentedToTreatment(ClientId client, ClinicId clinic) {
        ensureConsented(client, clinic, EnumSet.allOf(ConsentKind.class));
    }

    /** Refuses what records the client's data (409 {@code consent-required}) unless she consents to its processing now. */
    public void ensureConsentedToDataProcessing(ClientId client, ClinicId clinic) {
        ensureConsented(client, clinic, EnumSet.of(ConsentKind.DATA_PROCESSING));
    }

    private void ensureConsented(ClientId client, ClinicId clinic, Set<ConsentKind> kinds) {
        existing(client, clinic).orElseThrow(() -> ConsentRequired.missing(kinds)).execute(file -> file.ensureConsented(kinds));
    }

    /**
     * The client acts in the app where she has a session at the clinic; the clinic's staff at the desk for
     * a client with a session or a case there; anyone else finds nothing.
     */
    ConsentVia checkAccess(ClientId client, ClinicId clinic, Actor by) {
        Require.present("clientId", client);
        Require.present("clinicId", clinic);
        if (ClinicalPolicy.isTheClient(by, client)) {
            if (!booking.hasSessionAt(client, clinic)) {
                throw new NotFoundException("No clinic " + clinic + " with a session of yours");
            }
            return ConsentVia.INTAKE;
        }
        if (ClinicalPolicy.isStaffAt(by, clinic) && (booking.hasSessionAt(client, clinic) || cases.hasCaseAt(client, clinic))) {
            return ConsentVia.DESK;
        }
        throw new NotFoundException("No client " + client + " at clinic " + clinic);
    }

    private Aggregate<ClientFile> update(ClientId client, ClinicId clinic, Supplier<ClientFile> first,
                                         Consumer<ClientFile> next) {
        return Aggregates.update(files, events, ClientFile.idOf(client, clinic), first, next);
    }

    /** The client's file at the clinic, if it has begun (most clients' first visit has none). */
    Optional<Aggregate<ClientFile>> existing(ClientId client, ClinicId clinic) {
        return Aggregates.existing(files, events, ClientFile.idOf(client, clinic));
    }

    private static Set<ConsentKind> kinds(Set<ConsentKind> kinds) {
        Set<ConsentKind> distinct = EnumSet.noneOf(ConsentKind.class);
        for (ConsentKind kind : kinds == null ? Set.<ConsentKind>of() : kinds) {
            distinct.add(Require.present("kinds", kind));
        }
        return distinct;
    }

    private String write(Map<String, String> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
