package io.soleus.web.common;

import java.nio.charset.StandardCharsets;

import io.soleus.web.services.BookingApi;
import io.soleus.web.services.ServiceRefused;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a calendar app fetches, with no sign-in: {@code /calendar/<secret>.ics}, booking's feed of
 * the link with that secret, relayed so booking itself need not face the internet. The secret is the
 * whole authority (booking checks it); an unknown or stopped one is a 404, and nothing is cached.
 */
@RestController
class CalendarFeedRelay {

    private static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final BookingApi booking;

    CalendarFeedRelay(BookingApi booking) {
        this.booking = booking;
    }

    @GetMapping("/calendar/{secret}.ics")
    ResponseEntity<String> feed(@PathVariable String secret) {
        try {
            return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noStore())
                    .body(booking.calendarFeedText(secret));
        } catch (ServiceRefused refused) {
            return ResponseEntity.status(refused.notFound() ? 404 : refused.status()).cacheControl(CacheControl.noStore()).build();
        }
    }
}
