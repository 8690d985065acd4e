package io.soleus.web.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser reduced to HTTP: keeps cookies per host as browsers do on localhost (where ports share
 * cookies, and Secure cookies are sent over plain HTTP), follows redirects one at a time so a test
 * can look at each, and fills forms with the page's CSRF token.
 */
public final class HttpBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CSRF_META = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final List<HttpResponse<String>> history = new java.util.ArrayList<>();
    private HttpResponse<String> last;

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    }

    /** A GET as a script of the page makes it: {@code headers} such as {@code HX-Request} or an {@code Accept}. */
    public HttpResponse<String> get(String url, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), url, headers);
    }

    /** Follows the redirects from the last answer until a page answers. */
    public HttpResponse<String> follow() {
        for (int hop = 0; hop < 10 && last.statusCode() / 100 == 3; hop++) {
            String location = last.headers().firstValue("Location").orElseThrow();
            get(last.uri().resolve(location).toString());
        }
        return last;
    }

    /** Posts a form to {@code url} with the CSRF token of the page last opened. */
    public HttpResponse<String> submit(String url, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        csrfToken().ifPresent(token -> body.put("_csrf", token));
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(body))), url);
    }

    /** Posts a form without any CSRF token: what a forged request from another site would do. */
    public HttpResponse<String> submitWithoutToken(String url, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))), url);
    }

    /** Signs in at the provider's form reached by following the front end's redirect. */
    public HttpResponse<String> signIn(String startUrl, String email, String password) {
        get(startUrl);
        follow();
        String loginUrl = last.uri().toString().replaceFirst("\\?.*$", "");
        submit(loginUrl, Map.of("email", email, "password", password));
        return follow();
    }

    public HttpResponse<String> last() {
        return last;
    }

    public List<HttpResponse<String>> history() {
        return history;
    }

    public java.util.Optional<String> csrfToken() {
        Matcher form = CSRF.matcher(last.body());
        if (form.find()) {
            return java.util.Optional.of(form.group(1));
        }
        Matcher meta = CSRF_META.matcher(last.body());
        return meta.find() ? java.util.Optional.of(meta.group(1)) : java.util.Optional.empty();
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String url) {
        return send(request, url, Map.of());
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String url, Map<String, String> headers) {
        String host = URI.create(url).getHost();
        String jar = cookies.entrySet().stream().filter(cookie -> cookie.getKey().startsWith(host + " "))
                .map(cookie -> cookie.getKey().substring(host.length() + 1) + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        if (!jar.isEmpty()) {
            request.header("Cookie", jar);
        }
        // what a browser asks for when it opens a page; htmx and EventSource ask otherwise
        request.setHeader("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        headers.forEach(request::setHeader);
        try {
            last = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        history.add(last);
        last.headers().allValues("Set-Cookie").forEach(header -> {
            String pair = header.split(";", 2)[0];
            String[] nameValue = pair.split("=", 2);
            if (nameValue[1].isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(host + " " + nameValue[0]);
            } else {
                cookies.put(host + " " + nameValue[0], nameValue[1]);
            }
        });
        return last;
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
