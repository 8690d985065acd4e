package io.soleus.treatment.intake;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.soleus.kernel.RuleViolationException;
import io.soleus.kernel.id.CaseId;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.treatment.ConsentGiven;
import io.soleus.kernel.treatment.ConsentWithdrawn;
import io.soleus.kernel.treatment.IntakeQuestionnaireAnswered;
import io.soleus.kernel.treatment.IntakeQuestionnairesAdopted;
import io.soleus.kernel.treatment.IntakeSubmitted;
import io.soleus.kernel.treatment.RedFlagCleared;
import io.soleus.kernel.treatment.RedFlagRaised;
import io.soleus.kernel.value.ConsentKind;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A client's file at one clinic: their intake answers, the questionnaires answered with it until a
 * case takes them as its baseline, and their consents there. It decides whether
 * the clinic may keep treatment records of the client ({@link #ensureConsented}); a
 * consent given again to the same text changes nothing, and one withdrawn that was never given is
 * refused.
 */
@Aggregate
public class ClientFile {

    @AggregateIdentifier
    private String fileId;
    private final Map<ConsentKind, String> consents = new EnumMap<>(ConsentKind.class);
    /** Whether the latest intake raised a red flag that nobody has cleared. */
    private boolean flagged;
    /** The questionnaires answered with the intake that no case has taken as its baseline yet, by instrument. */
    private final Map<String, IntakeQuestionnaireAnswered> awaitingCase = new TreeMap<>();

    protected ClientFile() {
    }

    /** One file per client and clinic, named by both. */
    public static String idOf(ClientId client, ClinicId clinic) {
        return "file:" + client + ":" + clinic;
    }

    ClientFile(IntakeSubmitted intake) {
        apply(intake);
    }

    ClientFile(ConsentGiven consent) {
        apply(consent);
    }

    void submit(IntakeSubmitted intake) {
        apply(intake);
    }

    void raise(RedFlagRaised flag) {
        apply(flag);
    }

    void give(ConsentGiven consent) {
        if (!consent.textVersion().equals(consents.get(consent.kind()))) {
            apply(consent);
        }
    }

    void withdraw(ConsentWithdrawn withdrawal) {
        if (!consents.containsKey(withdrawal.kind())) {
            throw new RuleViolationException("no-consent-to-withdraw",
                    "There is no consent to " + withdrawal.kind() + " at this clinic to withdraw");
        }
        apply(withdrawal);
    }

    /** Refused (409 {@code no-red-flag}) unless the latest intake raised a red flag not cleared yet. */
    void clear(RedFlagCleared clearance) {
        if (!flagged) {
            throw new RuleViolationException("no-red-flag", "The client's latest intake at this clinic has no red flag to clear");
        }
        apply(clearance);
    }

    /** An answer given again before the first session replaces the earlier one. */
    void answer(IntakeQuestionnaireAnswered answered) {
        apply(answered);
    }

    /**
     * The questionnaires answered with the intake, which become the baseline of the case just opened
     * for the client: each is taken by one case only, and none while she has withdrawn her consent to
     * the processing of her data.
     */
    List<IntakeQuestionnaireAnswered> adoptInto(CaseId caseId, Instant now) {
        if (!consents.containsKey(ConsentKind.DATA_PROCESSING)) {
            return List.of();
        }
        List<IntakeQuestionnaireAnswered> answers = List.copyOf(awaitingCase.values());
        if (!answers.isEmpty()) {
            apply(new IntakeQuestionnairesAdopted(answers.get(0).clientId(), answers.get(0).clinicId(), caseId,
                    answers.stream().map(IntakeQuestionnaireAnswered::instrument).toList(), now));
        }
        return answers;
    }

    /** Refused (409 {@code consent-required}) unless the client consents to each of {@code kinds} now. */
    void ensureConsented(Set<ConsentKind> kinds) {
        Set<ConsentKind> missing = EnumSet.copyOf(kinds);
        missing.removeAll(consents.keySet());
        if (!missing.isEmpty()) {
            throw ConsentRequired.missing(missing);
        }
    }

    @EventSourcingHandler
    void on(IntakeSubmitted event) {
        fileId = idOf(event.clientId(), event.clinicId());
        flagged = false;
    }

    @EventSourcingHandler
    void on(RedFlagRaised event) {
        flagged = true;
    }

    @EventSourcingHandler
    void on(RedFlagCleared event) {
        flagged = false;
    }

    @EventSourcingHandler
    void on(ConsentGiven event) {
        fileId = idOf(event.clientId(), event.clinicId());
        consents.put(event.kind(), event.textVersion());
    }

    @EventSourcingHandler
    void on(IntakeQuestionnaireAnswered event) {
        awaitingCase.put(event.instrument(), event);
    }

    @EventSourcingHandler
    void on(IntakeQuestionnairesAdopted event) {
        awaitingCase.keySet().removeAll(event.instruments());
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        consents.remove(event.kind());
    }
}
