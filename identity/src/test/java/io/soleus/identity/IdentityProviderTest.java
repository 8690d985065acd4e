package io.soleus.identity;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
        account(therapistId, "ana.silva." + therapistId + "@example.org", "Ana Silva", List.of("THERAPIST"), List.of(clinic));

        SignInFlow flow = new SignInFlow(identity, REDIRECT);
        JsonNode tokens = flow.signIn("Ana.Silva." + therapistId + "@example.org", "a long enough password");

        Jwt access = verified(tokens.path("access_token").asText());
        assertThat(access.getSubject()).isEqualTo(therapistId);
        assertThat(access.getClaimAsStringList("roles")).containsExactly("THERAPIST");
        assertThat(access.getClaimAsStringList("clinics")).containsExactly(clinic);
        assertThat(access.getIssuer().toString()).isEqualTo(identity.issuer());
        assertThat(access.getAudience()).as("for the front end that asked, and for the APIs it calls")
                .containsExactlyInAnyOrder("soleus-web", "soleus-api");
        Jwt id = verified(tokens.path("id_token").asText());
        assertThat(id.getSubject()).isEqualTo(therapistId);
        assertThat(id.getClaimAsString("name")).isEqualTo("Ana Silva");
        assertThat(id.getClaimAsStringList("roles")).containsExactly("THERAPIST");

        JsonNode refreshed = flow.refresh(tokens.path("refresh_token").asText());
        assertThat(verified(refreshed.path("access_token").asText()).getSubject()).isEqualTo(therapistId);
        JsonNode again = flow.refresh(tokens.path("refresh_token").asText());
        assertThat(verified(again.path("access_token").asText()).getSubject())
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
        assertThat(UUID.fromString(access.getSubject())).isNotNull();
        assertThat(access.getClaimAsStringList("roles")).containsExactly("CLIENT");
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
        Map<String, Object> body = Map.of("email", email, "name", "Dev Patel", "password", "a long enough password",
                "roles", List.of("THERAPIST"));

        assertThat(api.post(therapist, "/accounts", body).status()).isEqualTo(403);
        assertThat(api.post(null, "/accounts", body).status()).isEqualTo(401);
        ApiClient.Response shortPassword = api.post(admin, "/accounts", Map.of("email", email, "name", "Dev Patel",
                "password", "short", "roles", List.of("THERAPIST")));
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
        Map<String, Object> named = new HashMap<>(body);
        named.put("subject", "dev-patel");
        ApiClient.Response notAnId = api.post(admin, "/accounts", named);
        assertThat(notAnId.status()).as("a therapist's subject is their id in booking").isEqualTo(400);
        assertThat(notAnId.invalidField()).isEqualTo("subject");
        assertThat(accountsWithEmail(email)).isZero();

        assertThat(api.post(admin, "/accounts", body).status()).isEqualTo(201);
        ApiClient.Response again = api.post(admin, "/accounts", body);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.invalidField()).isEqualTo("email");
        assertThat(accountsWithEmail(email)).isEqualTo(1);
    }

    @Test
    void a_client_deletes_their_own_sign_in_an_admin_anyones_and_nobody_else_another_s() {
        String riley = UUID.randomUUID().toString();
        String casey = UUID.randomUUID().toString();
        account(riley, riley + "@example.org", "Riley Runner", List.of("CLIENT"), List.of());
        account(casey, casey + "@example.org", "Casey Keeper", List.of("CLIENT"), List.of());
        String rileysToken = DevTokenClient.token(identity, riley, List.of("CLIENT"), List.of());

        assertThat(api.send("DELETE", rileysToken, "/accounts/" + casey, null).status()).isEqualTo(403);
        assertThat(api.send("DELETE", null, "/accounts/" + casey, null).status()).isEqualTo(401);
        assertThat(api.send("DELETE", rileysToken, "/accounts/" + riley, null).status()).isEqualTo(204);
        assertThat(accountsWithEmail(riley + "@example.org")).isZero();
        assertThat(accountsWithEmail(casey + "@example.org")).isOne();
        assertThat(api.send("DELETE", admin, "/accounts/" + casey, null).status()).isEqualTo(204);
        assertThat(accountsWithEmail(casey + "@example.org")).isZero();
        assertThat(api.send("DELETE", admin, "/accounts/" + casey, null).status()).isEqualTo(404);
    }

    @Test
    void an_admin_changes_a_therapists_clinics_and_the_next_token_carries_them() {
        String subject = UUID.randomUUID().toString();
        account(subject, subject + "@example.org", "Eva Novak", List.of("THERAPIST"), List.of("clinic-a"));
        assertThat(api.put(admin, "/accounts/" + subject, Map.of("name", "Eva Novak", "roles", List.of("THERAPIST"),
                "clinics", List.of("clinic-a", "clinic-b"))).status()).isEqualTo(200);

        JsonNode tokens = new SignInFlow(identity, REDIRECT).signIn(subject + "@example.org", "a long enough password");
        assertThat(SignInFlow.claims(tokens.path("access_token").asText()).path("clinics"))
                .extracting(JsonNode::asText).containsExactly("clinic-a", "clinic-b");
        assertThat(api.put(admin, "/accounts/" + UUID.randomUUID(), Map.of("name", "Nobody", "roles", List.of("CLIENT")))
                .status()).isEqualTo(404);
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

    private static void account(String subject, String email, String name, List<String> roles, List<String> clinics) {
        ApiClient.Response created = api.post(admin, "/accounts", Map.of("subject", subject, "email", email, "name", name,
                "password", "a long enough password", "roles", roles, "clinics", clinics));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    private static int accountsWithEmail(String email) {
        return identity.context().getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM account WHERE lower(email) = lower(?)", Integer.class, email);
    }
}
