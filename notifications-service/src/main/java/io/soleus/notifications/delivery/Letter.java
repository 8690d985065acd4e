package io.soleus.notifications.delivery;

import java.util.List;
import java.util.Locale;

/**
 * One message, composed and localised, before a channel gives it its form: a mail renders all of it
 * (HTML and text), an SMS and the in-app feed carry the title and the short text.
 */
public record Letter(Locale locale, String subject, String greeting, List<String> paragraphs, List<Detail> details,
                     List<ExerciseLine> exercises, String signOff, String shortText, String footer) {

    /** A labelled fact: when, where, which session. */
    public record Detail(String label, String value) {
    }

    /** One exercise of a plan: its name, dose in words and how it is done. */
    public record ExerciseLine(String name, String dose, String description) {
    }
}
