package io.soleus.booking.series;

import java.time.Instant;
import java.util.List;

import io.soleus.kernel.Actor;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.ClinicId;
import io.soleus.kernel.id.SeriesId;
import io.soleus.kernel.id.SessionId;
import io.soleus.kernel.id.SessionTypeId;
import io.soleus.kernel.id.TherapistId;

/** What clients and staff ask of a course of treatment; each names who asks, for the scope checks. */
public final class SeriesCommands {

    private SeriesCommands() {
    }

    /**
     * Books a course with one therapist: the dates follow {@code repeat} from {@code start}, or are
     * {@code starts} as given (a course whose dates were checked and adjusted first). With
     * {@code allOrNothing} one conflict books nothing; a {@code dryRun} only says what would happen.
     */
    public record BookSeries(SeriesId seriesId, ClientId clientId, TherapistId therapistId, ClinicId clinicId,
                             SessionTypeId sessionTypeId, Instant start, Repeat repeat, List<Instant> starts,
                             boolean allOrNothing, boolean dryRun, Actor by) {
    }

    /** Cancels the session {@code from} and every later one of the course still to come. */
    public record CancelSeries(SeriesId seriesId, SessionId from, String reason, Actor by) {
    }

    /** Moves the session {@code from} to {@code start}, and every later one by the same shift of wall-clock time. */
    public record RescheduleSeries(SeriesId seriesId, SessionId from, Instant start, Actor by) {
    }
}
