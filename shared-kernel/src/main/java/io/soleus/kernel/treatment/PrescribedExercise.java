package io.soleus.kernel.treatment;

import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.id.ExerciseId;
import io.soleus.kernel.value.ExerciseDose;

/** One exercise of an aftercare plan, with its name as prescribed and its dose. */
public record PrescribedExercise(ExerciseId exerciseId, String name, ExerciseDose dose) implements Checked {

    @Override
    public void check() {
        Require.present("exerciseId", exerciseId);
        Require.text("name", name, 120);
        Require.present("dose", dose);
    }
}
