package io.soleus.identity.test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a browser and the web front end do together to sign someone in, step by step over real HTTP:
 * the authorization request with PKCE, the sign-in (or sign-up) form with its CSRF token, the
 * redirect back with a code, and the code exchanged for tokens. Each step's answer is kept for the
 * test to look at.
 */
public final class SignInFlow {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    private final IdentityServer identity;
    private final String redirectUri;
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String verifier = random();
    private final String state = random();
    private HttpResponse<String> last;

    public SignInFlow(IdentityServer identity, String redirectUri) {
        this.identity = identity;
        this.redirectUri = redirectUri;
    }

    /** Starts at the authorization endpoint, as the front end's redirect does; {@code pkce} false leaves the challenge out. */
    public HttpResponse<String> authorize(boolean pkce) {
        return get(authorizationUrl(pkce, Map.of()));
    }

    /** The authorization URL with PKCE and {@code extra} parameters, e.g. {@code ui_locales}. */
    public String authorizationUrl(Map<String, String> extra) {
        return authorizationUrl(true, extra);
    }

    private String authorizationUrl(boolean pkce, Map<String, String> extra) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", IdentityServer.WEB_CLIENT);
        query.put("scope", "openid profile email");
        query.put("redirect_uri", redirectUri);
        query.put("state", state);
        query.put("nonce", random());
        if (pkce) {
            query.put("code_challenge", challenge(verifier));
            query.put("code_challenge_method", "S256");
        }
        query.putAll(extra);
        return identity.issuer() + "/oauth2/authorize?" + form(query);
    }

    /** Opens a page of the provider (a path, or an absolute URL) in this browser. */
    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(resolve(url)).GET());
    }

    /** Fills and sends a form on the page last opened, with that page's CSRF token. */
    public HttpResponse<String> submit(String path, Map<String, String> fields) {
        Matcher csrf = CSRF.matcher(last.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the page: " + last.body());
        }
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("_csrf", csrf.group(1));
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))));
    }

    /** Signs in through the whole flow and returns the token answer. */
    public JsonNode signIn(String email, String password) {
        authorize(true);
        get("/login");
        submit("/login", Map.of("email", email, "password", password));
        return exchange(followToCode());
    }

    /** Follows redirects on the provider until one leaves for the redirect URI; returns its code. */
    public String followToCode() {
        for (int hop = 0; hop < 5; hop++) {
            String location = last.headers().firstValue("Location").orElseThrow(
                    () -> new IllegalStateException("no redirect; the page said: " + last.statusCode() + " " + last.body()));
            if (location.startsWith(redirectUri)) {
                Map<String, String> query = query(URI.create(location));
                if (!state.equals(query.get("state"))) {
                    throw new IllegalStateException("state changed on the way: " + location);
                }
                if (query.containsKey("error")) {
                    throw new IllegalStateException("authorization refused: " + location);
                }
                return query.get("code");
            }
            get(location);
        }
        throw new IllegalStateException("too many redirects");
    }

    /** Exchanges a code for tokens as the front end does: its client secret and the PKCE verifier. */
    public JsonNode exchange(String code) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                "code_verifier", verifier));
    }

    public JsonNode refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public HttpResponse<String> last() {
        return last;
    }

    /** The JSON claims of a JWT, unverified: what a test reads after the signature has been checked elsewhere. */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode token(Map<String, String> parameters) {
        String basic = Base64.getEncoder().encodeToString((IdentityServer.WEB_CLIENT + ":" + identity.webClientSecret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = send(HttpRequest.newBuilder(resolve("/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(parameters))));
        try {
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request refused: " + response.statusCode() + " " + body);
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            last = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return last;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI resolve(String url) {
        return url.startsWith("http") ? URI.create(url) : URI.create(identity.issuer() + url);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                values.put(parts[0], parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
