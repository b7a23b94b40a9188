package io.mediapurge.access;

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
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A policy in Alibaba RAM syntax, {@code {"Version":"1","Statement":[{"Effect","Action","Resource"}]}},
 * checked whole when it is saved so that evaluation never meets a surprise.
 */
public record PolicyDocument(List<PolicyStatement> statements) {

    /** RAM's limit for a custom policy document. */
    public static final int MAX_LENGTH = 6144;
    // Document, Statement list, statement, Action list: 4. Deeper input is junk, and some parsers overflow on it.
    private static final int MAX_NESTING = 8;

    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS = Set.of("Effect", "Action", "Resource");
    // RAM has these; evaluating without them would grant more than the author meant, so they are refused.
    private static final Set<String> UNSUPPORTED_ELEMENTS = Set.of("Condition", "NotAction", "NotResource", "Principal");

    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9*?_-]+:[A-Za-z0-9*?_.-]+");
    private static final Pattern RESOURCE = Pattern.compile("\\*|acs:[^:\\s]*:[^:\\s]*:[^:\\s]*:\\S*");
    private static final Pattern CONTROL_OR_SPACE = Pattern.compile("[\\p{Cntrl}\\s]");

    // Two "Effect" keys in one statement would be read one way here and maybe another way elsewhere.
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** Reads and checks a policy document, or says exactly where it is wrong. */
    public static PolicyDocument parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedPolicy("", "is empty");
        }
        if (json.length() > MAX_LENGTH) {
            throw new MalformedPolicy("", "is " + json.length() + " characters long; at most " + MAX_LENGTH + " are allowed");
        }
        if (nestingDepth(json) > MAX_NESTING) {
            throw new MalformedPolicy("", "nests deeper than " + MAX_NESTING + " levels; a policy needs at most 4");
        }
        JsonValue root = read(json);
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPolicy("", "must be a JSON object with Version and Statement");
        }
        JsonObject document = root.asJsonObject();
        for (String key : document.keySet()) {
            if (!DOCUMENT_ELEMENTS.contains(key)) {
                throw new MalformedPolicy(key, "is not a policy element; a policy has Version and Statement");
            }
        }
        JsonValue version = document.get("Version");
        if (version == null) {
            throw new MalformedPolicy("Version", "is missing; it must be \"1\"");
        }
        if (!(version instanceof JsonString v) || !v.getString().equals("1")) {
            throw new MalformedPolicy("Version", "must be the string \"1\"");
        }
        JsonValue statementList = document.get("Statement");
        if (statementList == null) {
            throw new MalformedPolicy("Statement", "is missing");
        }
        if (statementList.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedPolicy("Statement", "must be a list of statements");
        }
        JsonArray array = statementList.asJsonArray();
        if (array.isEmpty()) {
            throw new MalformedPolicy("Statement", "must contain at least one statement");
        }
        List<PolicyStatement> statements = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            statements.add(statement(array.get(i), "Statement[" + i + "]"));
        }
        return new PolicyDocument(statements);
    }

    private static JsonValue read(String json) {
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
            throw new MalformedPolicy("", "is not valid JSON" + where);
        } catch (JsonException e) {
            // Parsson reports a repeated key here; its message names the key, which the author needs.
            String detail = e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage());
            throw new MalformedPolicy("", "is not valid JSON" + detail);
        } catch (RuntimeException e) {
            // Parsers also fail with plain runtime exceptions (limits, internal errors); to the author it is still bad JSON.
            throw new MalformedPolicy("", "is not valid JSON");
        }
    }

    /** The deepest nesting of objects and arrays, brackets inside strings not counted. */
    private static int nestingDepth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    private static PolicyStatement statement(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedPolicy(path, "must be an object with Effect, Action and Resource");
        }
        JsonObject statement = value.asJsonObject();
        for (String key : statement.keySet()) {
            if (UNSUPPORTED_ELEMENTS.contains(key)) {
                throw new MalformedPolicy(path + "." + key, "is not supported; use Effect, Action and Resource only");
            }
            if (!STATEMENT_ELEMENTS.contains(key)) {
                throw new MalformedPolicy(path + "." + key, "is not a statement element; a statement has Effect, Action and Resource");
            }
        }
        Effect effect = effect(statement.get("Effect"), path + ".Effect");
        List<String> actions = names(statement.get("Action"), path + ".Action", ACTION,
                "must be \"*\" or SERVICE:ACTION, e.g. ice:DeleteMediaInfos (wildcards * and ? allowed)");
        List<String> resources = names(statement.get("Resource"), path + ".Resource", RESOURCE,
                "must be \"*\" or acs:SERVICE:REGION:ACCOUNT:RELATIVE-ID (wildcards * and ? allowed)");
        return new PolicyStatement(effect, actions, resources);
    }

    private static Effect effect(JsonValue value, String path) {
        if (value == null) {
            throw new MalformedPolicy(path, "is missing; it must be \"Allow\" or \"Deny\"");
        }
        if (value instanceof JsonString s) {
            for (Effect effect : Effect.values()) {
                if (effect.policyValue().equals(s.getString())) {
                    return effect;
                }
            }
        }
        throw new MalformedPolicy(path, "must be \"Allow\" or \"Deny\"");
    }

    private static List<String> names(JsonValue value, String path, Pattern form, String formProblem) {
        if (value == null) {
            throw new MalformedPolicy(path, "is missing");
        }
        if (value instanceof JsonString s) {
            return List.of(name(s.getString(), path, form, formProblem));
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedPolicy(path, "must be a string or a list of strings");
        }
        JsonArray array = value.asJsonArray();
        if (array.isEmpty()) {
            throw new MalformedPolicy(path, "must name at least one entry");
        }
        List<String> names = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            if (!(array.get(i) instanceof JsonString s)) {
                throw new MalformedPolicy(itemPath, "must be a string");
            }
            names.add(name(s.getString(), itemPath, form, formProblem));
        }
        return names;
    }

    private static String name(String name, String path, Pattern form, String formProblem) {
        if (name.isEmpty()) {
            throw new MalformedPolicy(path, "must not be empty");
        }
        if (CONTROL_OR_SPACE.matcher(name).find()) {
            throw new MalformedPolicy(path, "must not contain spaces or control characters");
        }
        if (!form.matcher(name).matches()) {
            throw new MalformedPolicy(path, formProblem);
        }
        return name;
    }

    private static String abbreviate(String message) {
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "...";
    }
}
