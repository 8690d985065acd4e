package io.soleus.kernel.value;

import io.soleus.kernel.InvalidValueException;
import io.soleus.kernel.Require;

/**
 * How much of an exercise: sets of either repetitions or a held position, so many times per day or
 * week, for so many weeks; e.g. 3 × 15 bent-knee calf raises, twice a day, for 6 weeks.
 */
public record ExerciseDose(int sets, Integer reps, Integer holdSeconds, int times, Frequency per, int weeks) {

    public ExerciseDose {
        Require.between("dose.sets", sets, 1, 20);
        if ((reps == null) == (holdSeconds == null)) {
            throw new InvalidValueException("dose.reps", "a dose has either reps or holdSeconds, not both or neither");
        }
        if (reps != null) {
            Require.between("dose.reps", reps, 1, 200);
        }
        if (holdSeconds != null) {
            Require.between("dose.holdSeconds", holdSeconds, 1, 600);
        }
        Require.between("dose.times", times, 1, 20);
        Require.present("dose.per", per);
        Require.between("dose.weeks", weeks, 1, 52);
    }
}
