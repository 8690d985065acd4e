package io.soleus.booking.scheduling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.booking.WeeklyHours;

/** Weekly hours as the read model stores them: a JSON text column. */
final class HoursColumn {

    private HoursColumn() {
    }

    static String write(ObjectMapper mapper, WeeklyHours hours) {
        try {
            return mapper.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot store weekly hours", e);
        }
    }

    static WeeklyHours read(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, WeeklyHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable hours in the scheduling read model", e);
        }
    }
}
