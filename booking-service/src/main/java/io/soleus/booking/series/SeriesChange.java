package io.soleus.booking.series;

import java.util.List;

import io.soleus.booking.session.SessionDetails;
import io.soleus.kernel.id.SeriesId;

/** What moving or cancelling part of a course answers: the sessions it changed, as they now are, in order. */
public record SeriesChange(SeriesId seriesId, List<SessionDetails> sessions) {
}
