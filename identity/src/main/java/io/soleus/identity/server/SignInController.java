package io.soleus.identity.server;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login checks what it posts. */
@Controller
class SignInController {

    @GetMapping("/login")
    String login() {
        return "identity/login";
    }
}
