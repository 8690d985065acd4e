package io.soleus.booking.series;

import java.time.Instant;
import java.util.List;

import io.soleus.booking.session.SessionDetails;
import io.soleus.kernel.id.SeriesId;

/**
 * What booking a course answers: the sessions booked (or, for a dry run, the starts that are free)
 * and the dates that could not be had, each with the rule that refused it and the nearest free start
 * with the same therapist, if one is within a few days.
 */
public record SeriesAnswer(SeriesId seriesId, boolean dryRun, List<Instant> free, List<SessionDetails> booked,
                           List<Conflict> conflicts) {

    public record Conflict(Instant start, String rule, String detail, Instant alternative) {
    }
}
