package io.mediapurge.access;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

/**
 * Reading the provisioning file's JSON: one document, no repeated keys, nothing after it, and
 * typed field access whose every fault is a {@link MalformedSeed} naming the JSON path.
 */
final class SeedJson {

    // A repeated key would be read one way here and perhaps another way by the person who wrote it.
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate key '(.*)' is not allowed");

    private SeedJson() {
    }

    static JsonValue readJson(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json));
                JsonParser trailing = Json.createParser(new StringReader(json))) {
            JsonValue value = reader.readValue();
            // The reader stops after the document; whatever follows it must not be silently dropped.
            JsonParser.Event first = trailing.next();
            if (first == JsonParser.Event.START_OBJECT) {
                trailing.skipObject();
            } else if (first == JsonParser.Event.START_ARRAY) {
                trailing.skipArray();
            }
            if (trailing.hasNext()) {
                throw new MalformedSeed("", "is not valid JSON: there is more after the document");
            }
            return value;
        } catch (JsonParsingException e) {
            String problem = e.getMessage() == null ? "" : e.getMessage();
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            if (problem.startsWith("Invalid token=EOF")) {
                throw new MalformedSeed("", "is not valid JSON: the document ends too early");
            }
            Matcher duplicate = DUPLICATE_KEY.matcher(problem);
            if (duplicate.lookingAt()) {
                throw new MalformedSeed("", "is not valid JSON: the key '" + duplicate.group(1) + "' repeats" + where);
            }
            throw new MalformedSeed("", "is not valid JSON" + where);
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedSeed("", "is not valid JSON");
        }
    }

    static void onlyFields(JsonObject object, String path, String... allowed) {
        List<String> fields = List.of(allowed);
        for (String key : object.keySet()) {
            if (!fields.contains(key)) {
                throw new MalformedSeed(at(path, key), "unknown field; expected " + String.join(", ", fields));
            }
        }
    }

    static JsonObject object(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedSeed(path, "must be an object");
        }
        return value.asJsonObject();
    }

    static String string(JsonObject object, String key, String path) {
        JsonValue value = object.get(key);
        if (value == null) {
            throw new MalformedSeed(at(path, key), "missing");
        }
        if (!(value instanceof JsonString s)) {
            throw new MalformedSeed(at(path, key), "must be a string");
        }
        return s.getString();
    }

    static boolean optionalBoolean(JsonObject object, String key, String path, boolean absent) {
        JsonValue value = object.get(key);
        if (value == null) {
            return absent;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new MalformedSeed(at(path, key), "must be true or false");
    }

    static JsonArray optionalList(JsonObject object, String key, String path, String problem) {
        JsonValue value = object.get(key);
        if (value == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedSeed(at(path, key), problem);
        }
        return value.asJsonArray();
    }

    static JsonArray requiredList(JsonObject object, String key, String path, String problem) {
        if (!object.containsKey(key)) {
            throw new MalformedSeed(at(path, key), "missing");
        }
        return optionalList(object, key, path, problem);
    }

    static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
