package io.soleus.booking.therapist;

import java.util.Set;

import io.soleus.platform.axon.Aggregates;
import io.soleus.booking.clinic.Clinic;
import io.soleus.booking.therapist.TherapistCommands.JoinClinic;
import io.soleus.booking.therapist.TherapistCommands.RegisterTherapist;
import io.soleus.kernel.Require;
import io.soleus.kernel.id.ClinicId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Registers therapists and lets them join clinics, but only clinics that exist and are open. */
@Component
public class TherapistRegistration {

    private final Repository<Therapist> therapists;
    private final Repository<Clinic> clinics;

    public TherapistRegistration(@Qualifier("therapistRepository") Repository<Therapist> therapists,
                                 @Qualifier("clinicRepository") Repository<Clinic> clinics) {
        this.therapists = therapists;
        this.clinics = clinics;
    }

    @CommandHandler
    public void handle(RegisterTherapist command) throws Exception {
        Require.present("therapistId", command.therapistId());
        Require.text("name", command.name(), 200);
        Set<ClinicId> workplaces = Require.size("clinics", command.clinics(), 1, 50);
        workplaces.forEach(this::requireOpenClinic);
        therapists.newInstance(() -> new Therapist(command.therapistId(), command.name(), workplaces));
    }

    @CommandHandler
    public void handle(JoinClinic command) {
        requireOpenClinic(Require.present("clinicId", command.clinicId()));
        Aggregates.load(therapists, command.therapistId(), "therapist").execute(therapist -> therapist.join(command.clinicId()));
    }

    private void requireOpenClinic(ClinicId clinic) {
        Aggregates.load(clinics, clinic, "clinic").execute(Clinic::requireOpen);
    }
}
