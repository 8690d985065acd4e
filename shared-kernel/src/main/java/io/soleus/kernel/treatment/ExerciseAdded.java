package io.soleus.kernel.treatment;

import io.soleus.kernel.Checked;
import io.soleus.kernel.Require;
import io.soleus.kernel.codec.Contract;
import io.soleus.kernel.id.ExerciseId;

/** An exercise joined the library that plans prescribe from: its name and how it is done. */
@Contract(type = "io.soleus.treatment.ExerciseAdded", version = 1)
public record ExerciseAdded(ExerciseId exerciseId, String name, String description, String addedBy) implements Checked {
    @Override
    public void check() {
        Require.present("exerciseId", exerciseId);
        Require.text("name", name, 120);
        Require.text("description", description, 2000);
        Require.text("addedBy", addedBy, 200);
    }
}
