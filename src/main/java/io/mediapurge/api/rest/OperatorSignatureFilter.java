package io.mediapurge.api.rest;

import java.io.IOException;
import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mediapurge.access.Principals;
import io.mediapurge.api.ice.IceDoor;
import io.mediapurge.api.ApiError;
import io.mediapurge.signing.Signatures;
import io.mediapurge.signing.SignatureRejected;
import io.mediapurge.signing.SignedRequest;
import io.mediapurge.signing.VerifiedCaller;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

/**
 * Every operator call is signed with ACS3-HMAC-SHA256 over the path exactly as sent; nothing under
 * {@code /api} is anonymous. The signature is verified on the headers before the body is read; the
 * body is then spooled and must have the signed hash, so even a huge import is authenticated
 * before its first line is acted on. Resources find the caller as {@link OperatorCaller}.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class OperatorSignatureFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String CALLER = OperatorCaller.class.getName();
    static final String BODY = SpooledBody.class.getName();

    @Inject
    Signatures signatures;

    @Inject
    Principals principals;

    @Inject
    @ConfigProperty(name = "mediapurge.data.dir", defaultValue = "./data")
    String dataDir;

    /** Where large bodies wait while their hash is checked: their own directory, by default under the data directory. */
    @Inject
    @ConfigProperty(name = "mediapurge.spool.dir")
    Optional<String> spoolDir;

    /** The largest body accepted (MEDIAPURGE_MAX_UPLOAD_BYTES); a million-line import is about 300 MB. */
    @Inject
    @ConfigProperty(name = "mediapurge.max.upload.bytes", defaultValue = "1073741824")
    long maxUploadBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        String requestId = ApiError.newRequestId();
        try {
            // The signature covers the headers, the claimed body hash among them: checked before a byte
            // of the body is read, so an unsigned, forged or stale call cannot make us spool anything.
            IceDoor.checkQueryLength(request.getUriInfo().getRequestUri().getRawQuery());
            String claimedSha256 = request.getHeaderString("x-acs-content-sha256");
            SignedRequest signed = new SignedRequest(request.getMethod(),
                    request.getUriInfo().getRequestUri().getRawPath(),
                    request.getUriInfo().getRequestUri().getRawQuery(),
                    headers(request), new byte[0], request.getMediaType() == null ? null
                            : request.getHeaderString("Content-Type"));
            VerifiedCaller caller = signatures.verifier().verifyOperatorRequest(signed,
                    claimedSha256 == null ? "" : claimedSha256.trim());
            if (declaredLength(request) > maxUploadBytes) {
                throw tooLarge(new SpooledBody.TooLarge(maxUploadBytes));
            }
            SpooledBody body;
            try {
                body = SpooledBody.read(request.getEntityStream(), spoolDir.map(Path::of).orElse(Path.of(dataDir, "spool")),
                        maxUploadBytes);
            } catch (SpooledBody.TooLarge e) {
                throw tooLarge(e);
            }
            request.setProperty(BODY, body);
            request.setEntityStream(body.open());
            if (!body.sha256Hex().equalsIgnoreCase(claimedSha256.trim())) {
                throw new ApiError(403, "SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the body.");
            }
            var principal = principals.byRef(caller.principalRef())
                    .orElseThrow(() -> new ApiError(403, "InvalidAccessKeyId.Inactive", "The AccessKey's user no longer exists."));
            OperatorCaller operator = new OperatorCaller(requestId, caller.principalRef(), principal);
            request.setProperty(CALLER, operator);
            request.setSecurityContext(new Signed(operator, request.getSecurityContext().isSecure()));
        } catch (SignatureRejected e) {
            abort(request, ApiError.of(e), requestId);
        } catch (ApiError e) {
            abort(request, e, requestId);
        }
    }

    /** A spooled body's temporary file goes as soon as the answer is ready. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(BODY) instanceof SpooledBody body) {
            body.close();
        }
    }

    /** The announced body length, -1 when not announced; read as a long, since an int cannot hold a large upload's. */
    private static long declaredLength(ContainerRequestContext request) {
        String length = request.getHeaderString("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer refuses a malformed length itself
        }
    }

    private static ApiError tooLarge(SpooledBody.TooLarge e) {
        return new ApiError(413, "InvalidParameter", e.getMessage());
    }

    private static void abort(ContainerRequestContext request, ApiError error, String requestId) {
        request.abortWith(Response.status(error.status()).type(MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
                .entity(error.toJson(requestId).toString()).build());
    }

    private static Map<String, List<String>> headers(ContainerRequestContext request) {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> copy.put(name, new ArrayList<>(values)));
        return copy;
    }

    /** The signing principal as JAX-RS sees it. */
    private record Signed(OperatorCaller caller, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return caller::principalRef;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "ACS3-HMAC-SHA256";
        }
    }
}
