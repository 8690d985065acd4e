package io.soleus.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.soleus.web.services.NotificationsApi;
import io.soleus.web.services.ServiceRefused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The delivery log for admins: how many messages stand in each status, the latest deliveries
 * filtered by status, kind and channel, and the dead letters (failed, or uncertain after a crash)
 * with a retry for each.
 */
@Controller
@RequestMapping("/admin/deliveries")
class DeliveryPages {

    private final NotificationsApi notifications;

    DeliveryPages(NotificationsApi notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    String deliveries(@RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                      @RequestParam(required = false) String channel, Model model) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("status", status);
        filter.put("kind", kind);
        filter.put("channel", channel);
        model.addAttribute("filter", filter);
        model.addAttribute("summary", notifications.summary());
        model.addAttribute("deliveries", notifications.deliveries(filter, 100));
        model.addAttribute("deadLetters", notifications.deadLetters());
        return "admin/deliveries";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable UUID id, RedirectAttributes next) {
        try {
            notifications.retry(id);
            next.addFlashAttribute("retried", id);
        } catch (ServiceRefused refused) {
            if (refused.status() != 409 && !refused.notFound()) {
                throw refused;
            }
            next.addFlashAttribute("refused", refused.rule().orElse("only-dead-letters-are-retried"));
        }
        return "redirect:/admin/deliveries#dead-letters";
    }
}
