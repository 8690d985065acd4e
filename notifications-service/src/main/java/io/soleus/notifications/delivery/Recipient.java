package io.soleus.notifications.delivery;

import java.time.LocalTime;

/** Whom a message goes to and what they chose: contact details from booking, choices from the preferences API. */
record Recipient(String name, String email, String phone, String language, boolean remindersConsent,
                 boolean nonEssential, LocalTime quietFrom, LocalTime quietUntil) {
}
