package io.soleus.treatment.exercise;

import java.util.List;
import java.util.UUID;

import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.treatment.ExerciseAdded;
import io.soleus.platform.command.Commands;
import io.soleus.treatment.exercise.Exercise.AddExercise;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The exercise library as plans and clients read it. It starts with the four exercises the clinic
 * prescribes for soleus pain (added once, under fixed ids, by whichever instance starts first);
 * admins and therapists add more.
 */
@Component
@ProcessingGroup("exercise-library")
public class ExerciseLibrary implements ApplicationRunner {

    public record LibraryExercise(ExerciseId exerciseId, String name, String description) {
    }

    static final List<LibraryExercise> STARTERS = List.of(
            starter("bent-knee-calf-raises", "Bent-knee calf raises",
                    "Calf raises with the knees slightly bent, so the soleus rather than the gastrocnemius takes the load. "
                            + "Rise onto the balls of the feet, pause, lower slowly."),
            starter("soleus-wall-stretch", "Soleus wall stretch",
                    "Face a wall with one foot behind the other and both knees bent a little; press the back heel down "
                            + "until you feel a deep stretch in the lower calf. Hold without bouncing."),
            starter("seated-calf-raises", "Seated calf raises",
                    "Sit with a weight resting on the knees and raise the heels; sitting isolates the soleus."),
            starter("foam-rolling-the-calf", "Foam rolling the calf",
                    "Roll the calf slowly over a foam roller, pausing on tight spots, to ease the fascia and help blood flow."));

    private final JdbcTemplate jdbc;
    private final Commands commands;

    public ExerciseLibrary(JdbcTemplate jdbc, Commands commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    public List<LibraryExercise> all() {
        return jdbc.query("SELECT exercise_id, name, description FROM exercise ORDER BY name",
                (row, i) -> new LibraryExercise(new ExerciseId(row.getObject(1, UUID.class)), row.getString(2),
                        row.getString(3)));
    }

    @Override
    public void run(ApplicationArguments args) {
        List<ExerciseId> present = all().stream().map(LibraryExercise::exerciseId).toList();
        for (LibraryExercise starter : STARTERS) {
            if (present.contains(starter.exerciseId())) {
                continue; // a restart: the library already holds it, no command needed
            }
            try {
                commands.send(new AddExercise(starter.exerciseId(), starter.name(), starter.description(), "soleus"));
            } catch (AggregateStreamCreationException alreadyThere) {
                // added by an earlier start or by another instance: the library keeps the first
            }
        }
    }

    @EventHandler
    void on(ExerciseAdded event) {
        jdbc.update("""
                INSERT INTO exercise (exercise_id, name, description, added_by) VALUES (?, ?, ?, ?)
                ON CONFLICT (exercise_id) DO NOTHING""",
                event.exerciseId().value(), event.name(), event.description(), event.addedBy());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE exercise");
    }

    private static LibraryExercise starter(String code, String name, String description) {
        return new LibraryExercise(ExerciseId.ofLibraryCode(code), name, description);
    }
}
