package io.mediapurge.api.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The served API description is one a client generator can use: it parses without a message,
 * names every operator endpoint with its types and limits, and the signature as a security scheme.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    @ArquillianResource
    URL base;

    @Test
    void theOperatorApiIsDescribedWithTypesLimitsAndItsSignature() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.toURI().resolve("/openapi"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, served.statusCode(), served.body());

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body());
        // 1. nothing a generator would stumble over; Payara 6.2025.10 adds a top-level "endpoints" list
        //    without the x- prefix extensions need (prefixed in later Payara releases), which parsers skip
        List<String> messages = parsed.getMessages() == null ? List.of() : parsed.getMessages().stream()
                .filter(m -> !m.equals("attribute endpoints is unexpected")).toList();
        assertEquals(List.of(), messages, served.body());
        OpenAPI api = parsed.getOpenAPI();
        assertEquals("MediaPurge operator API", api.getInfo().getTitle());

        // 2. every endpoint, each with an operation ID a client method is named after
        for (String path : List.of("/api/v1/purges", "/api/v1/purges/{id}", "/api/v1/purges/{id}/items",
                "/api/v1/purges/{id}/report.csv", "/api/v1/purges/{id}/retry-failed", "/api/v1/purges/{id}/start",
                "/api/v1/jobs", "/api/v1/jobs/{executionId}", "/api/v1/jobs/{executionId}/restart",
                "/api/v1/jobs/{executionId}/stop", "/api/v1/jobs/{executionId}/abandon", "/api/v1/media:import",
                "/api/v1/rules", "/api/v1/rules/{id}", "/api/v1/rules/{id}/enable", "/api/v1/rules/{id}/disable",
                "/api/v1/rules/{id}/run", "/api/v1/rules/{id}/fires", "/api/v1/rules:preview")) {
            assertNotNull(api.getPaths().get(path), path);
            api.getPaths().get(path).readOperations().forEach(op -> assertNotNull(op.getOperationId(), path));
        }
        assertEquals(List.of(), api.getPaths().keySet().stream().filter(p -> !p.startsWith("/api/v1/")).toList(),
                "only the operator API; the IMS door is Alibaba's own reference");

        // 3. parameters typed, with their limits
        Operation start = api.getPaths().get("/api/v1/purges/{id}/start").getPost();
        Parameter partitions = resolve(api, start.getParameters().stream()
                .map(p -> resolve(api, p)).filter(p -> "partitions".equals(p.getName())).findFirst().orElseThrow());
        assertEquals("integer", partitions.getSchema().getType());
        assertEquals(1, partitions.getSchema().getMinimum().intValue());
        assertEquals(16, partitions.getSchema().getMaximum().intValue());
        Parameter id = resolve(api, start.getParameters().get(0));
        assertEquals("integer", id.getSchema().getType());
        assertEquals("int64", id.getSchema().getFormat());

        // 4. the request and answer bodies, and the error shape
        assertNotNull(api.getComponents().getSchemas().get("PurgeRequest").getProperties().get("mediaIds"));
        assertEquals(java.util.Set.of("RequestId", "HostId", "Code", "Message", "Recommend"),
                java.util.Set.copyOf(api.getComponents().getSchemas().get("Error").getRequired()));

        // 5. the ACS3 signature as the security scheme every call needs
        SecurityScheme acs3 = api.getComponents().getSecuritySchemes().get("acs3");
        assertEquals(SecurityScheme.Type.APIKEY, acs3.getType());
        assertEquals("Authorization", acs3.getName());
        assertTrue(acs3.getDescription().contains("ACS3-HMAC-SHA256"), acs3.getDescription());
        assertEquals("acs3", api.getSecurity().get(0).keySet().iterator().next());
    }

    private static Parameter resolve(OpenAPI api, Parameter parameter) {
        if (parameter.get$ref() == null) {
            return parameter;
        }
        String name = parameter.get$ref().substring(parameter.get$ref().lastIndexOf('/') + 1);
        return api.getComponents().getParameters().get(name);
    }
}
