package io.mediapurge.console;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A console session without a browser, for sending forms a page never offered (forged postbacks). */
final class FormSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;

    private FormSession(URL base) {
        String b = base.toString();
        this.base = b.endsWith("/") ? b : b + "/";
    }

    static FormSession signIn(URL base, String username, String password) throws Exception {
        FormSession session = new FormSession(base);
        String page = session.get("login.xhtml").body();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", username);
        form.put("login:password", password);
        form.put("login:signIn", "");
        form.put("jakarta.faces.ViewState", viewState(page));
        HttpResponse<String> signedIn = session.post("login.xhtml", form, false);
        if (!signedIn.uri().getPath().endsWith("/console/dashboard.xhtml")) {
            throw new IllegalStateException("sign-in as " + username + " failed: " + signedIn.uri());
        }
        return session;
    }

    /** The session a browser holds (its session cookie), to post what its page would post. */
    static FormSession of(URL base, String sessionId) {
        FormSession session = new FormSession(base);
        java.net.HttpCookie cookie = new java.net.HttpCookie("JSESSIONID", sessionId);
        cookie.setPath("/");
        cookie.setVersion(0);
        ((CookieManager) session.http.cookieHandler().orElseThrow()).getCookieStore()
                .add(URI.create(session.base), cookie);
        return session;
    }

    /** A plain (non-Ajax) form post, answered as bytes (a download). */
    HttpResponse<byte[]> submit(String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String viewState(String page) {
        Matcher m = VIEW_STATE.matcher(page);
        if (!m.find()) {
            throw new IllegalStateException("no view state in the page");
        }
        return m.group(1).replace("&#58;", ":");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What PrimeFaces sends when the button {@code source} of form {@code form} is clicked. */
    HttpResponse<String> ajax(String path, String form, String source, String viewState) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("jakarta.faces.partial.ajax", "true");
        fields.put("jakarta.faces.source", source);
        fields.put("jakarta.faces.partial.execute", source);
        fields.put("jakarta.faces.partial.render", form + " growl");
        fields.put(source, source);
        fields.put(form, form);
        fields.put("jakarta.faces.ViewState", viewState);
        return post(path, fields, true);
    }

    private HttpResponse<String> post(String path, Map<String, String> fields, boolean ajax) throws Exception {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (ajax) {
            request.header("Faces-Request", "partial/ajax");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
