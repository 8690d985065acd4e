package io.soleus.web;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.soleus.identity.test.DevTokenClient;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import io.soleus.web.test.HttpBrowser;
import io.soleus.web.test.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in and out of the front end through the real provider, over HTTP as a browser does it:
 * the code flow with PKCE, the session cookie, who lands where, CSRF, the Content-Security-Policy,
 * and that the browser never sees a token.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class SignInAndOutTest {

    private static WebServer web;

    @BeforeAll
    static void start() {
        String down = WebServer.nothingListening();
        web = new WebServer(down, down, down);
    }

    @AfterAll
    static void stop() {
        web.close();
    }

    @Test
    void a_visitor_sees_the_welcome_page_and_a_page_of_the_practice_sends_them_to_sign_in() {
        HttpBrowser browser = new HttpBrowser();
        HttpResponse<String> welcome = browser.get(web.url() + "/");
        assertThat(welcome.statusCode()).isEqualTo(200);
        assertThat(welcome.body()).contains("Sign in", "Create an account");

        HttpResponse<String> admin = browser.get(web.url() + "/admin");
        assertThat(admin.statusCode()).isEqualTo(302);
        assertThat(admin.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/soleus");
        HttpResponse<String> authorize = browser.get(web.url() + "/oauth2/authorization/soleus");
        URI provider = URI.create(authorize.headers().firstValue("Location").orElseThrow());
        assertThat(provider.toString()).startsWith(web.identity().issuer() + "/oauth2/authorize")
                .contains("code_challenge=", "code_challenge_method=S256", "ui_locales=en");
    }

    @Test
    void an_admin_signs_in_lands_on_the_dashboard_and_the_browser_holds_only_a_session_cookie() {
        String email = account("ADMIN", List.of());
        HttpBrowser browser = new HttpBrowser();
        browser.get(web.url() + "/admin");
        HttpResponse<String> landed = browser.signIn(web.url() + "/admin", email, "a long enough password");

        assertThat(landed.uri().getPath()).isEqualTo("/admin");
        List<String> cookies = browser.history().stream().filter(answer -> answer.uri().getPort() == URI.create(web.url()).getPort())
                .flatMap(answer -> answer.headers().allValues("Set-Cookie").stream()).toList();
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("SOLEUS_SESSION=")
                .contains("HttpOnly", "Secure", "SameSite=Lax"));
        assertThat(browser.history()).allSatisfy(answer -> assertThat(answer.body()).doesNotContain("eyJ"));
    }

    @Test
    void each_role_lands_on_its_own_start_page_and_may_not_open_anothers() {
        HttpBrowser therapist = new HttpBrowser();
        therapist.signIn(web.url() + "/oauth2/authorization/soleus", account("THERAPIST", List.of(UUID.randomUUID().toString())),
                "a long enough password");
        assertThat(therapist.last().uri().getPath()).isEqualTo("/work");
        HttpResponse<String> admin = therapist.get(web.url() + "/admin");
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).contains("Not for this account");

        HttpBrowser client = new HttpBrowser();
        client.signIn(web.url() + "/oauth2/authorization/soleus", account("CLIENT", List.of()), "a long enough password");
        assertThat(client.last().uri().getPath()).startsWith("/me");
        assertThat(client.get(web.url() + "/work").statusCode()).isEqualTo(403);
    }

    @Test
    void signing_out_needs_the_csrf_token_and_ends_the_sign_in_at_the_provider_too() {
        HttpBrowser browser = new HttpBrowser();
        browser.signIn(web.url() + "/admin", account("ADMIN", List.of()), "a long enough password");

        HttpResponse<String> forged = browser.submitWithoutToken(web.url() + "/logout", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> stillIn = browser.get(web.url() + "/admin");
        assertThat(stillIn.statusCode()).as("signed in still (the services are down here)").isEqualTo(503);
        assertThat(stillIn.body()).contains("Sign out");

        HttpResponse<String> out = browser.submit(web.url() + "/logout", Map.of());
        assertThat(out.headers().firstValue("Location").orElseThrow())
                .startsWith(web.identity().issuer() + "/connect/logout").contains("id_token_hint=");
        browser.follow();
        assertThat(browser.last().uri().toString()).isEqualTo(web.url() + "/?signed-out");
        assertThat(browser.last().body()).contains("You have signed out.");
        assertThat(browser.get(web.url() + "/admin").statusCode()).isEqualTo(302);
    }

    @Test
    void pages_allow_only_their_own_assets_and_forms_to_themselves_and_the_provider() {
        HttpResponse<String> page = new HttpBrowser().get(web.url() + "/");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'",
                "form-action 'self' " + web.identity().issuer());
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void a_fragment_asked_for_without_a_session_is_a_401_not_a_redirect_to_the_provider() {
        HttpResponse<String> answer = new HttpBrowser().get(web.url() + "/me", Map.of("HX-Request", "true"));
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    void create_an_account_leads_to_the_providers_sign_up_page() {
        HttpBrowser browser = new HttpBrowser();
        browser.get(web.url() + "/signup");
        browser.follow();
        assertThat(browser.last().uri().getPath()).isEqualTo("/signup");
        assertThat(browser.last().body()).contains("Create your account");
    }

    @Test
    void a_page_whose_services_are_down_says_so_plainly_and_never_shows_a_stack_trace() {
        HttpBrowser client = new HttpBrowser();
        HttpResponse<String> home = client.signIn(web.url() + "/oauth2/authorization/soleus",
                account("CLIENT", List.of()), "a long enough password");
        assertThat(home.statusCode()).isEqualTo(503);
        assertThat(home.body()).contains("Booking is not answering right now.", "Nothing was changed.")
                .doesNotContain("Exception", "at io.soleus");

        HttpBrowser admin = new HttpBrowser();
        admin.signIn(web.url() + "/admin", account("ADMIN", List.of()), "a long enough password");
        assertThat(admin.last().statusCode()).isEqualTo(503);
        assertThat(admin.last().body()).contains("is not answering right now").contains("Sign out");
        HttpResponse<String> fragment = admin.get(web.url() + "/admin", Map.of("HX-Request", "true"));
        assertThat(fragment.statusCode()).isEqualTo(503);
        assertThat(fragment.body()).doesNotContain("<html").contains("Not available right now");
    }

    @Test
    void sessions_live_in_the_database_so_any_instance_serves_them() {
        HttpBrowser browser = new HttpBrowser();
        browser.signIn(web.url() + "/admin", account("ADMIN", List.of()), "a long enough password");
        Integer sessions = web.context().getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM spring_session WHERE principal_name IS NOT NULL", Integer.class);
        assertThat(sessions).isPositive();
    }

    /** A sign-in with the role, a client's or therapist's linked to a new id; returns its email. */
    private static String account(String role, List<String> clinics) {
        String person = UUID.randomUUID().toString();
        String admin = DevTokenClient.token(web.identity(), "admin", List.of("ADMIN"), List.of());
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", person + "@example.org", "name", "Someone " + role,
                "password", "a long enough password", "roles", List.of(role), "clinics", clinics));
        if (role.equals("CLIENT")) {
            body.put("clientId", person);
        } else if (role.equals("THERAPIST")) {
            body.put("therapistId", person);
        }
        ApiClient.Response created = new ApiClient(web.identity().port()).post(admin, "/accounts", body);
        assertThat(created.status()).isEqualTo(201);
        return person + "@example.org";
    }
}
