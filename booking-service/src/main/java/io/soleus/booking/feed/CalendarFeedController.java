package io.soleus.booking.feed;

import java.net.URI;
import java.time.Instant;

import io.soleus.booking.feed.FeedLinks.Issued;
import io.soleus.booking.feed.FeedLinks.Kind;
import io.soleus.booking.feed.FeedLinks.Owner;
import io.soleus.kernel.NotFoundException;
import io.soleus.kernel.id.ClientId;
import io.soleus.kernel.id.TherapistId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calendar subscription links: a therapist or client (or an admin for them) makes one, sees whether
 * they have one, and stops it; a calendar app fetches the feed with the link's secret alone, as
 * calendar apps cannot sign in. The secret is the feed's whole authority, so an unknown or revoked
 * one is a 404 like any other.
 */
@RestController
@Tag(name = "Calendar feeds")
class CalendarFeedController {

    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

    private final FeedLinks feeds;
    private final FeedCalendar calendar;

    CalendarFeedController(FeedLinks feeds, FeedCalendar calendar) {
        this.feeds = feeds;
        this.calendar = calendar;
    }

    /** A new link: its secret is in {@code path} and shown this once. */
    record FeedLink(String path, Instant createdAt) {
    }

    record FeedState(boolean active, Instant createdAt) {
    }

    @PostMapping("/therapists/{therapistId}/calendar-feed")
    @Operation(summary = "Make a therapist's calendar subscription link; the link they had stops working")
    @ApiResponse(responseCode = "201", description = "Created; the link's secret is in path, shown this once")
    ResponseEntity<FeedLink> issueForTherapist(@PathVariable TherapistId therapistId) {
        return issue(feeds.requireKnown(new Owner(Kind.THERAPIST, therapistId.value())));
    }

    @GetMapping("/therapists/{therapistId}/calendar-feed")
    @Operation(summary = "Whether a therapist has a calendar subscription link, and since when")
    FeedState therapistFeed(@PathVariable TherapistId therapistId) {
        return state(new Owner(Kind.THERAPIST, therapistId.value()));
    }

    @DeleteMapping("/therapists/{therapistId}/calendar-feed")
    @Operation(summary = "Stop a therapist's calendar subscription link")
    ResponseEntity<Void> revokeTherapistFeed(@PathVariable TherapistId therapistId) {
        feeds.revoke(new Owner(Kind.THERAPIST, therapistId.value()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/clients/{clientId}/calendar-feed")
    @Operation(summary = "Make a client's calendar subscription link; the link they had stops working")
    @ApiResponse(responseCode = "201", description = "Created; the link's secret is in path, shown this once")
    ResponseEntity<FeedLink> issueForClient(@PathVariable ClientId clientId) {
        return issue(feeds.requireKnown(new Owner(Kind.CLIENT, clientId.value())));
    }

    @GetMapping("/clients/{clientId}/calendar-feed")
    @Operation(summary = "Whether a client has a calendar subscription link, and since when")
    FeedState clientFeed(@PathVariable ClientId clientId) {
        return state(new Owner(Kind.CLIENT, clientId.value()));
    }

    @DeleteMapping("/clients/{clientId}/calendar-feed")
    @Operation(summary = "Stop a client's calendar subscription link")
    ResponseEntity<Void> revokeClientFeed(@PathVariable ClientId clientId) {
        feeds.revoke(new Owner(Kind.CLIENT, clientId.value()));
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/calendar-feeds/{secret}.ics", produces = "text/calendar")
    @SecurityRequirements // no token: the secret in the path is the authority
    @Operation(summary = "A calendar feed (RFC 5545) by its link's secret: sessions from a month back to the horizon")
    ResponseEntity<String> feed(@PathVariable String secret) {
        Owner owner = feeds.ownerOf(secret).orElseThrow(() -> new NotFoundException("No such calendar feed"));
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noStore())
                .body(calendar.of(owner));
    }

    private ResponseEntity<FeedLink> issue(Owner owner) {
        Issued issued = feeds.issue(owner);
        String path = "/calendar-feeds/" + issued.secret() + ".ics";
        return ResponseEntity.status(HttpStatus.CREATED).location(URI.create(path)).body(new FeedLink(path, issued.createdAt()));
    }

    private FeedState state(Owner owner) {
        return feeds.issuedAt(owner).map(at -> new FeedState(true, at)).orElse(new FeedState(false, null));
    }
}
