package io.soleus.treatment.exercise;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.soleus.kernel.Require;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.treatment.ExerciseAdded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One exercise of the library that aftercare plans prescribe from: its name and how it is done. */
@Aggregate
public class Exercise {

    /** Adds an exercise to the library; {@code addedBy} is the subject of the admin or therapist. */
    public record AddExercise(ExerciseId exerciseId, String name, String description, String addedBy) {
    }

    @AggregateIdentifier
    private ExerciseId exerciseId;
    private String name;

    protected Exercise() {
    }

    @CommandHandler
    public Exercise(AddExercise command) {
        Require.present("exerciseId", command.exerciseId());
        Require.text("name", command.name(), 120);
        Require.text("description", command.description(), 2000);
        apply(new ExerciseAdded(command.exerciseId(), command.name(), command.description(), command.addedBy()));
    }

    public String name() {
        return name;
    }

    @EventSourcingHandler
    void on(ExerciseAdded event) {
        exerciseId = event.exerciseId();
        name = event.name();
    }
}
