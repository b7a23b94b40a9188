package io.mediapurge.api.ice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.mediapurge.access.PolicyEvaluator;
import io.mediapurge.access.Principal;
import io.mediapurge.access.Principals;
import io.mediapurge.api.ApiError;
import io.mediapurge.signing.SignatureRejected;
import io.mediapurge.signing.Signatures;
import io.mediapurge.signing.SignedRequest;
import io.mediapurge.signing.VerifiedCaller;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The IMS-compatible door. The official SDK calls {@code POST /} (or GET) with the action in the
 * {@code x-acs-action} header or the {@code Action} parameter; such requests are taken here, at
 * the root, while every other request (console pages, REST, health) passes through. The
 * signature is verified before anything else is looked at, and the call is routed on the action
 * and version it covers.
 */
@WebFilter(filterName = "IceDoor", urlPatterns = "/*")
public class IceDoor implements Filter {

    static final String VERSION = "2020-11-09";
    /** Twenty URLs of the longest kind fit many times over; anything bigger is not a real call. */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /**
     * Twenty of the longest selectors, percent-encoded, fit within this; a longer query string is
     * refused in the error shape. The HTTP layer takes headers up to four times this size (the
     * pre-boot commands), so such a call reaches us rather than being cut off with an empty 400.
     */
    public static final int MAX_QUERY_BYTES = 256 * 1024;

    private static final Logger LOG = Logger.getLogger(IceDoor.class.getName());

    @Inject
    Signatures signatures;

    @Inject
    Principals principals;

    @Inject
    Instance<IceAction> actions;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!isIceCall(request)) {
            chain.doFilter(req, res);
            return;
        }
        String requestId = ApiError.newRequestId();
        try {
            checkQueryLength(request.getQueryString());
            SignedRequest signed = new SignedRequest(request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), headers(request), body(request), request.getContentType());
            VerifiedCaller caller = signatures.verifier().verifyIceRequest(signed);
            IceParameters parameters = new IceParameters(caller.parameters());
            IceAction action = action(caller);
            Principal principal = principals.byRef(caller.principalRef())
                    .orElseThrow(() -> new ApiError(403, "InvalidAccessKeyId.Inactive",
                            "The AccessKey's user no longer exists."));
            JsonObjectBuilder result = action.handle(
                    new IceCall(requestId, principal, PolicyEvaluator.forPrincipal(principal), parameters));
            write(response, 200, Json.createObjectBuilder().add("RequestId", requestId).addAll(result).build());
        } catch (SignatureRejected e) {
            e.serverStringToSign().ifPresent(s -> LOG.fine(() -> "request " + requestId + " signature mismatch; server signed: " + s));
            error(response, requestId, ApiError.of(e));
        } catch (ApiError e) {
            error(response, requestId, e);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "request " + requestId + " failed", e);
            error(response, requestId, ApiError.internal());
        }
    }

    /**
     * The SDK posts to the root; the core SDK may carry Action only in a form body. A signed call
     * that names no action is taken too, so it is answered MissingParameter in the IMS error shape
     * rather than with the web container's 404 page.
     */
    static boolean isIceCall(HttpServletRequest request) {
        if (!"/".equals(request.getRequestURI())) {
            return false;
        }
        if (request.getHeader("x-acs-action") != null || request.getHeader("x-acs-version") != null) {
            return true;
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.startsWith("ACS3-HMAC-SHA256")) {
            return true;
        }
        String query = request.getQueryString();
        if (query != null && (hasParameter(query, "Action") || hasParameter(query, "Signature"))) {
            return true;
        }
        String type = request.getContentType();
        return "POST".equals(request.getMethod()) && type != null
                && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static boolean hasParameter(String rawQuery, String name) {
        return rawQuery.startsWith(name + "=") || rawQuery.contains("&" + name + "=");
    }

    /** Routes on the action and version the signature covers, never on an unsigned header. */
    private IceAction action(VerifiedCaller caller) {
        String version = caller.apiVersion();
        if (version == null) {
            throw ApiError.missingParameter("Version");
        }
        if (!VERSION.equals(version)) {
            throw ApiError.invalidParameter("Version", "this service speaks " + VERSION);
        }
        String name = caller.action();
        if (name == null) {
            throw ApiError.missingParameter("Action");
        }
        for (IceAction action : actions) {
            if (action.name().equals(name)) {
                return action;
            }
        }
        throw ApiError.unknownAction(name);
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, new ArrayList<>(Collections.list(request.getHeaders(name))));
        }
        return headers;
    }

    /** Refuses a query string no real call needs, before anything is parsed from it. */
    public static void checkQueryLength(String rawQuery) {
        if (rawQuery != null && rawQuery.length() > MAX_QUERY_BYTES) {
            throw ApiError.invalidParameter("query string", "longer than " + MAX_QUERY_BYTES
                    + " bytes; send at most 20 selectors per call, or larger lists as a purge submission");
        }
    }

    /** Read raw, never through getParameter, so a form body stays available to the signature check. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw new ApiError(413, "InvalidParameter", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
        }
        try (InputStream in = request.getInputStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            byte[] buffer = new byte[8192];
            int total = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    throw new ApiError(413, "InvalidParameter", "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static void error(HttpServletResponse response, String requestId, ApiError error) throws IOException {
        write(response, error.status(), error.toJson(requestId));
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(bytes.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(bytes);
        }
    }
}
