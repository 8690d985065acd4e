package io.soleus.web.common;

import io.soleus.web.security.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The front door: a welcome with "Sign in" and "Create an account" for visitors, and for someone
 * signed in their own start page (admins the dashboard, therapists the calendar, clients their home).
 */
@Controller
class HomeController {

    @GetMapping("/")
    String home(SignedIn me) {
        if (me == null) {
            return "welcome";
        }
        if (me.isAdmin()) {
            return "redirect:/admin";
        }
        if (me.isTherapist()) {
            return "redirect:/work";
        }
        if (me.isClient()) {
            return "redirect:/me";
        }
        return "no-role";
    }

    /** "Create an account" starts the sign-in with a hint that our provider answers with its sign-up page. */
    @GetMapping("/signup")
    String signUp() {
        return "redirect:" + SignedIn.SIGN_IN + "?screen_hint=signup";
    }
}
