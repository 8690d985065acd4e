package io.soleus.web.client;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
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
        model.addAttribute("messages", notifications.feed(UUID.fromString(me.subject()), 50));
        model.addAttribute("times", times);
        return "client/messages";
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(SignedIn me) {
        Locale locale = LocaleContextHolder.getLocale();
        return relay.relay(services.addresses().notifications(), "/clients/" + me.subject() + "/notifications/stream",
                event -> "notification".equals(event.name()) ? Optional.of(SseEmitter.event().name("notification")
                        .data(render(read(event.data()), locale))) : Optional.empty());
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
