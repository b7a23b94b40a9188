package io.mediapurge.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.net.http.HttpResponse;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;

/**
 * An answer's JSON body read as JSON, so a test asserts on a field's value ({@code "imported": 1}
 * and not 10 or 19), not on a piece of text; a body that is not one JSON object fails the test,
 * showing it.
 */
public final class JsonAnswer {

    private JsonAnswer() {
    }

    public static JsonObject of(HttpResponse<String> response) {
        return of(response.body());
    }

    public static JsonObject of(String body) {
        try {
            return Json.createReader(new StringReader(body)).readObject();
        } catch (JsonException | IllegalStateException e) {
            return fail("not a JSON object: " + body);
        }
    }

    /** The status, and the error shape's Code. */
    public static JsonObject assertError(int status, String code, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonObject json = of(response);
        assertEquals(code, json.getString("Code", null), response.body());
        return json;
    }

    /** The error shape's Message. */
    public static String message(HttpResponse<String> response) {
        return of(response).getString("Message", "");
    }
}
