package io.soleus.identity;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.soleus.identity.test.DevTokenClient;
import io.soleus.identity.test.IdentityServer;
import io.soleus.identity.test.SignInFlow;
import io.soleus.platform.test.ApiClient;
import io.soleus.platform.test.SoleusInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider as the web front end and the services meet it, over real HTTP against a real
 * PostgreSQL: sign-in with the authorization code and PKCE, the tokens' claims and signature, refresh,
 * sign-up, sign-out, the account API for admins and the development token endpoint.
 */
@ExtendWith(SoleusInfrastructureExtension.class)
class IdentityProviderTest {

    private static final String REDIRECT = "http://localhost:18080/login/oauth2/code/soleus";
    private static final String AFTER_SIGN_OUT = "http://localhost:18080/";
    private static IdentityServer identity;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() {
        identity = IdentityServer.start(REDIRECT, AFTER_SIGN_OUT);
        api = new ApiClient(identity.port());
        admin = DevTokenClient.token(identity, "admin-1", List.of("ADMIN"), List.of());
    }

    @AfterAll
    static void stop() {
        identity.close();
    }

    @Test
    void a_therapist_signs_in_with_pkce_and_gets_tokens_naming_their_id_roles_and_clinics() throws Exception {
        String therapistId = UUID.randomUUID().toString();
        String clinic = UUID.randomUUID().toString();
        String subject = account(therapistId, "ana.silva." + therapistId + "@example.org", "Ana Silva", List.of("THERAPIST"),
                List.of(clinic));
        assertThat(subject).as("the sign-in's own name, not the therapist's id").isNotEqualTo(therapistId);

        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        JsonNode tokens = flow.signIn("Ana.Silva." + therapistId + "@example.org", "a long enough password");

        Jwt access = verified(tokens.path("access_token").asText());
        assertThat(access.getSubject()).isEqualTo(subject);
        assertThat(access.getClaimAsString("therapistId")).isEqualTo(therapistId);
        assertThat(access.hasClaim("clientId")).isFalse();
        assertThat(access.getClaimAsStringList("roles")).containsExactly("THERAPIST");
        assertThat(access.getClaimAsStringList("clinics")).containsExactly(clinic);
        assertThat(access.getIssuer().toString()).isEqualTo(identity.issuer());
        assertThat(access.getAudience()).as("for the front end that asked, and for the APIs it calls")
                .containsExactlyInAnyOrder("soleus-web", "soleus-api");
        Jwt id = verified(tokens.path("id_token").asText());
        assertThat(id.getSubject()).isEqualTo(subject);
        assertThat(id.getClaimAsString("therapistId")).isEqualTo(therapistId);
        assertThat(id.getClaimAsString("name")).isEqualTo("Ana Silva");
        assertThat(id.getClaimAsStringList("roles")).containsExactly("THERAPIST");

        JsonNode refreshed = flow.refresh(tokens.path("refresh_token").asText());
        assertThat(verified(refreshed.path("access_token").asText()).getClaimAsString("therapistId")).isEqualTo(therapistId);
        JsonNode again = flow.refresh(tokens.path("refresh_token").asText());
        assertThat(verified(again.path("access_token").asText()).getClaimAsString("therapistId"))
                .as("the refresh token is reused: two refreshes at once both succeed").isEqualTo(therapistId);
    }

    @Test
    void an_authorization_request_without_pkce_is_refused() {
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        HttpResponse<String> answer = flow.authorize(false);
        String location = answer.headers().firstValue("Location").orElse("");
        assertThat(location).startsWith(REDIRECT).contains("error=invalid_request").doesNotContain("code=");
    }

    @Test
    void a_wrong_password_signs_no_one_in() {
        String subject = UUID.randomUUID().toString();
        account(subject, subject + "@example.org", "Ben Okafor", List.of("THERAPIST"), List.of());
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        flow.authorize(true);
        flow.get("/login");
        HttpResponse<String> answer = flow.submit("/login", Map.of("email", subject + "@example.org", "password", "not the password"));
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(flow.get("/login?error").body()).contains("Wrong email or password.");
    }

    @Test
    void a_client_signs_up_and_is_signed_in_under_a_new_client_id() {
        String email = "new.runner." + UUID.randomUUID() + "@example.org";
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        flow.authorize(true);
        assertThat(flow.get("/signup").body()).contains("Create your account");
        flow.submit("/signup", Map.of("name", "New Runner", "email", email, "password", "half marathon 2027"));

        JsonNode tokens = flow.exchange(flow.followToCode());

        Jwt access = verified(tokens.path("access_token").asText());
        UUID client = UUID.fromString(access.getClaimAsString("clientId"));
        assertThat(UUID.fromString(access.getSubject())).isNotEqualTo(client);
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CLIENT");
        assertThat(SignInFlow.claims(tokens.path("id_token").asText()).path("clientId").asText()).isEqualTo(client.toString());
        assertThat(SignInFlow.claims(tokens.path("id_token").asText()).path("email").asText()).isEqualTo(email);
    }

    @Test
    void the_front_end_can_send_a_person_straight_to_sign_up_in_their_language() {
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        HttpResponse<String> answer = flow.get(flow.authorizationUrl(Map.of("screen_hint", "signup", "ui_locales", "de-DE en")));
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/signup?lang=de");
        assertThat(flow.get("/signup?lang=de").body()).contains("Ihr Konto erstellen");
    }

    @Test
    void sign_up_with_an_email_in_use_or_a_short_password_makes_no_account() {
        String email = "taken." + UUID.randomUUID() + "@example.org";
        account(UUID.randomUUID().toString(), email, "First Owner", List.of("CLIENT"), List.of());
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        flow.get("/signup");
        HttpResponse<String> taken = flow.submit("/signup", Map.of("name", "Someone Else", "email", email.toUpperCase(),
                "password", "another long password"));
        assertThat(taken.statusCode()).isEqualTo(200);
        assertThat(taken.body()).contains("An account with this email exists already");

        String fresh = "short." + UUID.randomUUID() + "@example.org";
        HttpResponse<String> shortPassword = flow.submit("/signup", Map.of("name", "Short", "email", fresh, "password", "short"));
        assertThat(shortPassword.body()).contains("at least 10");
        assertThat(accountsWithEmail(email)).isEqualTo(1);
        assertThat(accountsWithEmail(fresh)).isZero();
    }

    @Test
    void signing_out_ends_the_providers_session_and_returns_to_the_front_end() {
        String subject = UUID.randomUUID().toString();
        account(subject, subject + "@example.org", "Chloe Martin", List.of("ADMIN"), List.of());
        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        JsonNode tokens = flow.signIn(subject + "@example.org", "a long enough password");

        HttpResponse<String> out = flow.get("/connect/logout?id_token_hint=" + tokens.path("id_token").asText()
                + "&post_logout_redirect_uri=" + AFTER_SIGN_OUT);

        assertThat(out.headers().firstValue("Location").orElseThrow()).isEqualTo(AFTER_SIGN_OUT);
        HttpResponse<String> again = flow.authorize(true);
        assertThat(again.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        assertThat(flow.get("/login").body()).contains("Sign in");
    }

    @Test
    void the_sign_in_page_allows_only_its_own_scripts_and_forms_to_itself_and_the_front_end() {
        HttpResponse<String> page = new SignInFlow(identity, REDIRECT).get("/login");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'", "form-action 'self' http://localhost:18080");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void the_sign_in_page_speaks_german_when_asked() {
        HttpResponse<String> page = new SignInFlow(identity, REDIRECT).get("/login?lang=de");
        assertThat(page.body()).contains("Anmelden", "Konto erstellen").contains("lang=\"de\"");
    }

    @Test
    void only_admins_make_accounts_and_bad_input_names_its_field() {
        String therapist = DevTokenClient.token(identity, UUID.randomUUID().toString(), List.of("THERAPIST"), List.of());
        String email = UUID.randomUUID() + "@example.org";
        String therapistId = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("email", email, "name", "Dev Patel", "password", "a long enough password",
                "roles", List.of("THERAPIST"), "therapistId", therapistId);

        assertThat(api.post(therapist, "/accounts", body).status()).isEqualTo(403);
        assertThat(api.post(null, "/accounts", body).status()).isEqualTo(401);
        ApiClient.Response shortPassword = api.post(admin, "/accounts", Map.of("email", email, "name", "Dev Patel",
                "password", "short", "roles", List.of("THERAPIST"), "therapistId", therapistId));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.invalidField()).isEqualTo("password");
        ApiClient.Response badRole = api.post(admin, "/accounts", Map.of("email", email, "name", "Dev Patel",
                "password", "a long enough password", "roles", List.of("OWNER")));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(accountsWithEmail(email)).isZero();

        Map<String, Object> tooLong = new HashMap<>(body);
        tooLong.put("password", "ü".repeat(40)); // 40 characters, 80 bytes: more than bcrypt reads
        ApiClient.Response longPassword = api.post(admin, "/accounts", tooLong);
        assertThat(longPassword.status()).isEqualTo(400);
        assertThat(longPassword.invalidField()).isEqualTo("password");
        Map<String, Object> unlinked = new HashMap<>(body);
        unlinked.remove("therapistId");
        ApiClient.Response noLink = api.post(admin, "/accounts", unlinked);
        assertThat(noLink.status()).as("a therapist's sign-in names the therapist").isEqualTo(400);
        assertThat(noLink.invalidField()).isEqualTo("therapistId");
        Map<String, Object> notAnId = new HashMap<>(body);
        notAnId.put("therapistId", "dev-patel");
        assertThat(api.post(admin, "/accounts", notAnId).invalidField()).isEqualTo("therapistId");
        Map<String, Object> adminAsClient = Map.of("email", email, "name", "Dev Patel", "password", "a long enough password",
                "roles", List.of("ADMIN"), "clientId", therapistId);
        assertThat(api.post(admin, "/accounts", adminAsClient).invalidField()).as("only a client's sign-in names a client")
                .isEqualTo("clientId");
        assertThat(accountsWithEmail(email)).isZero();

        assertThat(api.post(admin, "/accounts", body).status()).isEqualTo(201);
        ApiClient.Response again = api.post(admin, "/accounts", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.invalidField()).isEqualTo("email");
        Map<String, Object> secondSignIn = new HashMap<>(body);
        secondSignIn.put("email", "second." + email);
        ApiClient.Response twice = api.post(admin, "/accounts", secondSignIn);
        assertThat(twice.status()).as("one sign-in per therapist").isEqualTo(409);
        assertThat(twice.invalidField()).isEqualTo("therapistId");
        assertThat(accountsWithEmail(email)).isEqualTo(1);
        assertThat(accountsWithEmail("second." + email)).isZero();
    }

    @Test
    void a_client_deletes_their_own_sign_in_an_admin_anyones_and_nobody_else_another_s() {
        String riley = UUID.randomUUID().toString();
        String casey = UUID.randomUUID().toString();
        String jo = UUID.randomUUID().toString();
        String rileysSignIn = account(riley, riley + "@example.org", "Riley Runner", List.of("CLIENT"), List.of());
        String caseysSignIn = account(casey, casey + "@example.org", "Casey Keeper", List.of("CLIENT"), List.of());
        account(jo, jo + "@example.org", "Jo Walker", List.of("CLIENT"), List.of());
        String rileysToken = DevTokenClient.clientToken(identity, rileysSignIn, riley);

        assertThat(api.send("DELETE", rileysToken, "/accounts/" + caseysSignIn, null).status()).isEqualTo(403);
        assertThat(api.send("DELETE", rileysToken, "/accounts/clients/" + casey, null).status()).isEqualTo(403);
        assertThat(api.send("DELETE", null, "/accounts/clients/" + casey, null).status()).isEqualTo(401);
        assertThat(api.send("DELETE", rileysToken, "/accounts/clients/" + riley, null).status()).isEqualTo(204);
        assertThat(accountsWithEmail(riley + "@example.org")).isZero();
        assertThat(accountsWithEmail(casey + "@example.org")).isOne();
        assertThat(api.send("DELETE", admin, "/accounts/" + caseysSignIn, null).status()).isEqualTo(204);
        assertThat(api.send("DELETE", admin, "/accounts/clients/" + jo, null).status()).isEqualTo(204);
        assertThat(accountsWithEmail(casey + "@example.org")).isZero();
        assertThat(accountsWithEmail(jo + "@example.org")).isZero();
        assertThat(api.send("DELETE", admin, "/accounts/clients/" + jo, null).status()).isEqualTo(404);
    }

    @Test
    void a_client_registered_by_staff_claims_a_sign_in_for_their_record_once_through_an_admins_invitation() throws Exception {
        String client = UUID.randomUUID().toString();
        String therapist = DevTokenClient.token(identity, UUID.randomUUID().toString(), List.of("THERAPIST"), List.of());
        assertThat(api.post(therapist, "/accounts/clients/" + client + "/invitations", Map.of()).status())
                .as("the provider cannot tell a therapist's clients: admins invite").isEqualTo(403);
        assertThat(api.get(admin, "/accounts/clients/" + client).body().path("signedUp").asBoolean()).isFalse();
        ApiClient.Response notAnId = api.post(admin, "/accounts/clients/riley/invitations", Map.of());
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.invalidField()).isEqualTo("clientId");
        assertThat(identity.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM invitation WHERE client_id = 'riley'", Integer.class)).as("nothing stored").isZero();

        ApiClient.Response invited = api.post(admin, "/accounts/clients/" + client + "/invitations", Map.of());
        assertThat(invited.status()).isEqualTo(201);
        URI link = URI.create(invited.body().path("link").asText());
        assertThat(link.toString()).startsWith(identity.issuer() + "/signup?invitation=");
        assertThat(api.get(admin, "/accounts/clients/" + client).body().path("invitedUntil").asText()).isNotEmpty();
        String code = link.getQuery().substring("invitation=".length());
        assertThat(identity.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM invitation WHERE code_hash = ?", Integer.class, code)).as("only its hash is kept").isZero();

        // two people open the link and submit at the same moment: one sign-in is made, linked to the client
        List<SignInFlow> flows = List.of(new SignInFlow(identity, REDIRECT), new SignInFlow(identity, REDIRECT));
        for (SignInFlow flow : flows) {
            flow.authorize(true);
            assertThat(flow.get(link.toString()).body()).contains("Your practice invited you");
        }
        String email = "claimed." + client + "@example.org";
        ExecutorService both = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SignInFlow flow = flows.get(i);
            String address = i + "." + email;
            answers.add(both.submit(() -> {
                start.await();
                return flow.submit("/signup", Map.of("name", "Riley Runner", "email", address,
                        "password", "half marathon 2027", "invitation", code));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            statuses.add(answer.get(30, TimeUnit.SECONDS).statusCode());
        }
        both.shutdown();
        assertThat(statuses).as("one is signed in and sent on, the other told the link is used").containsExactlyInAnyOrder(302, 200);
        assertThat(identity.context().getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM account WHERE client_id = ?", Integer.class, client)).isOne();
        SignInFlow winner = flows.get(statuses.get(0) == 302 ? 0 : 1);
        SignInFlow loser = flows.get(statuses.get(0) == 302 ? 1 : 0);
        assertThat(loser.last().body()).contains("expired or was used already");
        JsonNode tokens = winner.exchange(winner.followToCode());
        Jwt access = verified(tokens.path("access_token").asText());
        assertThat(access.getClaimAsString("clientId")).isEqualTo(client);
        assertThat(access.getSubject()).isNotEqualTo(client);

        assertThat(api.get(admin, "/accounts/clients/" + client).body().path("signedUp").asBoolean()).isTrue();
        ApiClient.Response again = api.post(admin, "/accounts/clients/" + client + "/invitations", Map.of());
        assertThat(again.status()).as("a client with a sign-in is not invited again").isEqualTo(409);
        assertThat(again.invalidField()).isEqualTo("clientId");
        SignInFlow late = new SignInFlow(identity, REDIRECT);
        assertThat(late.get(link.toString()).body()).contains("expired or was used already");
    }

    @Test
    void an_admin_changes_a_therapists_clinics_and_the_next_token_carries_them() {
        String therapist = UUID.randomUUID().toString();
        String subject = account(therapist, therapist + "@example.org", "Eva Novak", List.of("THERAPIST"), List.of("clinic-a"));
        assertThat(api.put(admin, "/accounts/" + subject, Map.of("name", "Eva Novak", "roles", List.of("THERAPIST"),
                "clinics", List.of("clinic-a"))).invalidField()).as("still names the therapist").isEqualTo("therapistId");
        assertThat(api.put(admin, "/accounts/" + subject, Map.of("name", "Eva Novak", "roles", List.of("THERAPIST"),
                "clinics", List.of("clinic-a", "clinic-b"), "therapistId", therapist)).status()).isEqualTo(200);

        JsonNode tokens = new SignInFlow(identity, REDIRECT).signIn(therapist + "@example.org", "a long enough password");
        assertThat(SignInFlow.claims(tokens.path("access_token").asText()).path("clinics"))
                .extracting(JsonNode::asText).containsExactly("clinic-a", "clinic-b");
        assertThat(api.put(admin, "/accounts/" + UUID.randomUUID(), Map.of("name", "Nobody", "roles", List.of("CLIENT"),
                "clientId", UUID.randomUUID().toString())).status()).isEqualTo(404);
    }

    @Test
    void development_tokens_need_the_secret_and_are_signed_with_the_providers_key() throws Exception {
        HttpResponse<String> wrong = DevTokenClient.request(identity.issuer(), "not-the-secret",
                Map.of("subject", "x", "roles", List.of("ADMIN")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("access_token");

        String token = DevTokenClient.token(identity, "client-7", List.of("CLIENT"), List.of());
        Jwt jwt = verified(token);
        assertThat(jwt.getSubject()).isEqualTo("client-7");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("CLIENT");
        assertThat(jwt.getAudience()).containsExactly("soleus-api");
    }

    @Test
    void a_token_signed_with_another_key_is_not_accepted_by_the_providers_key_set() {
        String foreign = io.soleus.platform.test.TestTokens.admin();
        assertThatThrownBy(() -> verified(foreign)).isInstanceOf(JwtException.class);
    }

    /** Verifies a token as a service does: against the provider's published key set. */
    private static Jwt verified(String token) {
        return NimbusJwtDecoder.withJwkSetUri(identity.issuer() + "/oauth2/jwks").build().decode(token);
    }

    /**
     * Makes a sign-in for {@code person}: a client's or therapist's linked to their id, under a subject
     * the provider makes; an admin's under {@code person}. Returns the sign-in's subject.
     */
    private static String account(String person, String email, String name, List<String> roles, List<String> clinics) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "name", name,
                "password", "a long enough password", "roles", roles, "clinics", clinics));
        if (roles.contains("CLIENT")) {
            body.put("clientId", person);
        } else if (roles.contains("THERAPIST")) {
            body.put("therapistId", person);
        } else {
            body.put("subject", person);
        }
        ApiClient.Response created = api.post(admin, "/accounts", body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().path("subject").asText();
    }

    private static int accountsWithEmail(String email) {
        return identity.context().getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM account WHERE lower(email) = lower(?)", Integer.class, email);
    }
}
