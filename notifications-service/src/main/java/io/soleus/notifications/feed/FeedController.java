package io.soleus.notifications.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.soleus.kernel.id.ClientId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A client's in-app feed: the messages sent to them, and a live stream of new ones. The client and admins only. */
@RestController
@Validated
@Tag(name = "Feed")
class FeedController {

    private final Feed feed;
    private final FeedStream stream;

    FeedController(Feed feed, FeedStream stream) {
        this.feed = feed;
        this.stream = stream;
    }

    @GetMapping("/clients/{clientId}/notifications")
    @Operation(summary = "The messages sent to a client, newest first")
    List<FeedItem> feed(@PathVariable ClientId clientId,
                        @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return feed.of(clientId.value(), limit);
    }

    @GetMapping(path = "/clients/{clientId}/notifications/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Server-sent events: each new message as a 'notification' event, its id as the event's id",
            description = "With 'since' (the time of the reader's newest message) or a Last-Event-ID header (its id, as"
                    + " a reconnecting EventSource sends), the stream begins with the messages sent after it.")
    SseEmitter live(@PathVariable ClientId clientId, @RequestParam(required = false) Instant since,
                    @RequestHeader(name = "Last-Event-ID", required = false) UUID lastEventId) {
        Optional<Instant> position = Optional.ofNullable(lastEventId)
                .flatMap(id -> stream.positionOf(clientId.value(), id)).or(() -> Optional.ofNullable(since));
        return stream.open(clientId.value(), position);
    }
}
