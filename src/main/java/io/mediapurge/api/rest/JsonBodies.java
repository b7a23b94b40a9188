package io.mediapurge.api.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import io.mediapurge.api.ApiError;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/** Reading the operator API's JSON bodies and writing its answers' optional fields, the same way for every resource. */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The body as one JSON object of at most {@code maxBytes}; anything else is 400 InvalidParameter
     * naming the body ({@code tooLarge} says what to do instead, {@code what} what it should have been).
     */
    static JsonObject object(InputStream body, int maxBytes, String tooLarge, String what) throws IOException {
        byte[] bytes = body.readNBytes(maxBytes + 1);
        if (bytes.length > maxBytes) {
            throw ApiError.invalidParameter("body", tooLarge);
        }
        try {
            return Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8))).readObject();
        } catch (JsonException | IllegalStateException e) {
            throw ApiError.invalidParameter("body", "not a JSON object");
        } catch (RuntimeException e) {
            // The parser refuses input nested past its depth limit with a bare RuntimeException.
            throw ApiError.invalidParameter("body", "not a JSON object " + what + " can be read from (nested too deeply)");
        }
    }

    /** A true/false field; absent or null is {@code otherwise}, anything else 400 naming the field. */
    static boolean flag(JsonObject json, String name, boolean otherwise) {
        JsonValue value = json.get(name);
        if (value == null || value == JsonValue.NULL) {
            return otherwise;
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw ApiError.invalidParameter(name, "must be true or false");
    }

    /**
     * A whole-number field ({@code key} of {@code json}, named {@code field} in an error); absent or
     * null is null, anything else that is not a whole number of at most 62 bits 400 naming the field.
     */
    static Long wholeNumber(JsonObject json, String field, String key) {
        JsonValue value = json.get(key);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber n) || !n.isIntegral() || n.bigIntegerValue().bitLength() > 62) {
            throw ApiError.invalidParameter(field, "must be a whole number");
        }
        return n.longValue();
    }

    /** The int nearest to {@code value} (null stays null): one beyond an int's range is then refused by the field's range. */
    static Integer nearestInt(Long value) {
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    static void nullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    static void nullable(JsonObjectBuilder json, String name, Long value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
