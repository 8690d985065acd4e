package io.soleus.web.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soleus.web.common.Times;
import io.soleus.web.security.SignedIn;
import io.soleus.web.services.NotificationsApi;
import io.soleus.web.services.NotificationsApi.FeedItem;
import io.soleus.web.services.Services;
import io.soleus.web.services.StreamRelay;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A client's messages: every confirmation, reminder and plan the practice sent them, newest first,
 * and new ones live as they are sent. The live stream comes from the notifications service through
 * this module, each message rendered here as the list item htmx puts on top.
 */
@Controller
@RequestMapping("/me/messages")
class MessagePages {

    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final NotificationsApi notifications;
    private final StreamRelay relay;
    private final Services services;
    private final ITemplateEngine templates;
    private final ObjectMapper json;
    private final Times times;

    MessagePages(NotificationsApi notifications, StreamRelay relay, Services services, ITemplateEngine templates,
                 ObjectMapper json, Times times) {
        this.notifications = notifications;
        this.relay = relay;
        this.services = services;
        this.templates = templates;
        this.json = json;
        this.times = times;
    }

    @GetMapping
    String messages(SignedIn me, Model model) {
        List<FeedItem> messages = notifications.feed(me.client(), 50);
        model.addAttribute("messages", messages);
        // the stream begins a little before the newest message shown: one committed late is not missed, and
        // one shown already is recognised by its id
        model.addAttribute("since", messages.isEmpty() ? Instant.EPOCH : messages.get(0).sentAt().minus(OVERLAP));
        model.addAttribute("times", times);
        return "client/messages";
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(SignedIn me, @RequestParam(required = false) Instant since,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        Locale locale = LocaleContextHolder.getLocale();
        String path = UriComponentsBuilder.fromPath("/clients/{client}/notifications/stream")
                .queryParamIfPresent("since", Optional.ofNullable(since)).buildAndExpand(me.client()).encode().toUriString();
        return relay.relay("notifications", services.addresses().notifications(), path, lastEventId,
                event -> "notification".equals(event.name()) ? Optional.of(notification(event, locale)) : Optional.empty());
    }

    /** The message as the list item htmx puts on top, under the id the service gave it. */
    private SseEmitter.SseEventBuilder notification(StreamRelay.Event event, Locale locale) {
        SseEmitter.SseEventBuilder item = SseEmitter.event().name("notification").data(render(read(event.data()), locale));
        return event.id() == null ? item : item.id(event.id());
    }

    private FeedItem read(String data) {
        try {
            return json.readValue(data, FeedItem.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("an unreadable feed item", e);
        }
    }

    /** The list item as the page draws it, rendered off the request: a fragment without links. */
    private String render(FeedItem item, Locale locale) {
        Context context = new Context(locale);
        context.setVariable("message", item);
        context.setVariable("times", times);
        context.setVariable("fresh", true);
        return templates.process("client/messages", Set.of("item"), context).replace("\n", "");
    }
}
