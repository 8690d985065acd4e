package io.soleus.treatment.intake;

import java.util.Map;
import java.util.Set;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.value.ConsentKind;

/** What clients and staff ask of a client's file at a clinic; each names who asks, for the scope checks. */
public final class IntakeCommands {

    private IntakeCommands() {
    }

    /** The client's answers to the clinic's current form, and the consents they tick in it. */
    public record SubmitIntake(ClientId clientId, ClinicId clinicId, String language, Map<String, String> answers,
                               Set<ConsentKind> consents, Actor by) {
    }

    /** Consent given: by the client in the app, or recorded by staff at the desk. */
    public record GiveConsent(ClientId clientId, ClinicId clinicId, Set<ConsentKind> kinds, Actor by) {
    }

    public record WithdrawConsent(ClientId clientId, ClinicId clinicId, Set<ConsentKind> kinds, Actor by) {
    }

    /** The clinic's staff record that the red flag of the client's latest intake there is cleared, with their note. */
    public record ClearRedFlag(ClientId clientId, ClinicId clinicId, String note, Actor by) {
    }

    /** An admin sets the intake form version a clinic's clients answer and how often questionnaires are asked again. */
    public record SetQuestionnaires(ClinicId clinicId, String intakeForm, Integer intakeFormVersion, Integer followUpEvery,
                                    Actor by) {
    }

    /**
     * What an intake told: whether a red-flag question was answered "yes". Which ones is clinical data,
     * kept sealed in the file's events, not in the answer a repeated request is given again.
     */
    public record IntakeReceived(boolean redFlag) {
    }
}
