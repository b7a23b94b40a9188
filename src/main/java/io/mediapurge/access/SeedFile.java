package io.mediapurge.access;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * The provisioning file ({@code MEDIAPURGE_SEED}): accounts with their RAM users, access keys,
 * policies and bucket grants, and console users. Read and checked whole before anything is
 * applied; the first fault is reported as one line with its JSON path, e.g.
 * {@code accounts[0].users[1].accessKeys[0].secret: missing}. Whether an {@code actsAs} user
 * exists in the database is for {@link SeedApplier} to say.
 */
public record SeedFile(List<AccountEntry> accounts, List<ConsoleUserEntry> consoleUsers) {

    /** Roles a console user can have. */
    public static final Set<String> CONSOLE_ROLES = Set.of("purge-admin", "purge-operator", "purge-viewer");

    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final Pattern OSS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{16,256}");
    static final Pattern CONSOLE_USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_ACCOUNT_NAME = 64;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    // A repeated key would be read one way here and perhaps another way by the person who wrote it.
    private static final JsonReaderFactory READERS =
            Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate key '(.*)' is not allowed");

    public SeedFile {
        accounts = List.copyOf(accounts);
        consoleUsers = List.copyOf(consoleUsers);
    }

    /** An account, its bucket grants and its users. */
    public record AccountEntry(String uid, String name, List<String> bucketGrants, List<UserEntry> users) {
        public AccountEntry {
            bucketGrants = List.copyOf(bucketGrants);
            users = List.copyOf(users);
        }
    }

    /**
     * A RAM user with its access keys and, when the file gives them, its policies (each the
     * compact JSON text of a checked document). Absent policies leave the stored ones alone.
     */
    public record UserEntry(String name, boolean root, List<AccessKeyEntry> accessKeys, Optional<List<String>> policies) {
        public UserEntry {
            accessKeys = List.copyOf(accessKeys);
            policies = policies.map(List::copyOf);
        }
    }

    /** An access key pair; the secret in plain text, as the file gives it. */
    public record AccessKeyEntry(String id, String secret, boolean active) {
        @Override
        public String toString() {
            return "AccessKeyEntry[id=" + id + ", secret=***, active=" + active + "]";
        }
    }

    /** A console login; the password in plain text, as the file gives it, hashed when applied. */
    public record ConsoleUserEntry(String username, String password, Set<String> roles, Optional<PrincipalRef> actsAs) {
        public ConsoleUserEntry {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "ConsoleUserEntry[username=" + username + ", password=***, roles=" + roles + ", actsAs=" + actsAs + "]";
        }
    }

    /** Reads and checks the file at {@code file}. */
    public static SeedFile read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new MalformedSeed("", "is a directory, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new MalformedSeed("", "is larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MalformedSeed("", "does not exist");
        } catch (IOException | SecurityException e) {
            throw new MalformedSeed("", "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            return parse(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new MalformedSeed("", "is not UTF-8 text");
        }
    }

    /** Reads and checks a provisioning document. */
    public static SeedFile parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedSeed("", "is empty");
        }
        JsonValue root = readJson(json);
        if (root.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedSeed("", "must be a JSON object with accounts and consoleUsers");
        }
        JsonObject document = root.asJsonObject();
        onlyFields(document, "", "accounts", "consoleUsers");
        return new Reader().read(document);
    }

    /** Collects entries while remembering where each unique name was first seen, to point at repeats. */
    private static final class Reader {
        private final Map<String, String> accountUids = new HashMap<>();
        private final Map<String, String> accessKeyIds = new HashMap<>();
        private final Map<String, String> consoleUsernames = new HashMap<>();

        SeedFile read(JsonObject document) {
            List<AccountEntry> accounts = new ArrayList<>();
            JsonArray accountList = optionalList(document, "accounts", "", "must be a list of accounts");
            for (int i = 0; i < accountList.size(); i++) {
                accounts.add(account(object(accountList.get(i), "accounts[" + i + "]"), "accounts[" + i + "]"));
            }
            List<ConsoleUserEntry> consoleUsers = new ArrayList<>();
            JsonArray consoleList = optionalList(document, "consoleUsers", "", "must be a list of console users");
            for (int i = 0; i < consoleList.size(); i++) {
                String path = "consoleUsers[" + i + "]";
                consoleUsers.add(consoleUser(object(consoleList.get(i), path), path));
            }
            return new SeedFile(accounts, consoleUsers);
        }

        private AccountEntry account(JsonObject account, String path) {
            onlyFields(account, path, "uid", "name", "bucketGrants", "users");
            String uid = accountUid(account, path);
            unique(accountUids, uid, at(path, "uid"));
            String name = string(account, "name", path);
            if (name.isBlank() || name.length() > MAX_ACCOUNT_NAME || hasControlCharacters(name)) {
                throw new MalformedSeed(at(path, "name"), "must be 1 to " + MAX_ACCOUNT_NAME + " characters, not blank");
            }
            Set<String> grants = new LinkedHashSet<>();
            JsonArray grantList = optionalList(account, "bucketGrants", path, "must be a list of bucket names");
            for (int i = 0; i < grantList.size(); i++) {
                String itemPath = at(path, "bucketGrants") + "[" + i + "]";
                if (!(grantList.get(i) instanceof JsonString bucket) || !OSS_BUCKET.matcher(bucket.getString()).matches()) {
                    throw new MalformedSeed(itemPath, "must be an OSS bucket name: 3 to 63 lowercase letters, digits"
                            + " and hyphens, starting and ending with a letter or digit");
                }
                grants.add(bucket.getString());
            }
            JsonArray userList = requiredList(account, "users", path, "must be a list of users");
            List<UserEntry> users = new ArrayList<>();
            Map<String, String> userNames = new HashMap<>();
            String rootPath = null;
            for (int i = 0; i < userList.size(); i++) {
                String userPath = at(path, "users") + "[" + i + "]";
                UserEntry user = user(object(userList.get(i), userPath), userPath);
                unique(userNames, user.name(), at(userPath, "name"));
                if (user.root()) {
                    if (rootPath != null) {
                        throw new MalformedSeed(at(userPath, "root"), rootPath + " is already the account's root user");
                    }
                    rootPath = userPath;
                }
                users.add(user);
            }
            if (rootPath == null) {
                throw new MalformedSeed(at(path, "users"), "must contain exactly one root user (\"root\": true); found none");
            }
            return new AccountEntry(uid, name, List.copyOf(grants), users);
        }

        private UserEntry user(JsonObject user, String path) {
            onlyFields(user, path, "name", "root", "accessKeys", "policies");
            String name = string(user, "name", path);
            if (!PrincipalRef.USER_NAME.matcher(name).matches()) {
                throw new MalformedSeed(at(path, "name"), "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            boolean root = optionalBoolean(user, "root", path, false);
            List<AccessKeyEntry> keys = new ArrayList<>();
            JsonArray keyList = optionalList(user, "accessKeys", path, "must be a list of access keys");
            for (int i = 0; i < keyList.size(); i++) {
                String keyPath = at(path, "accessKeys") + "[" + i + "]";
                keys.add(accessKey(object(keyList.get(i), keyPath), keyPath));
            }
            Optional<List<String>> policies = Optional.empty();
            if (user.containsKey("policies")) {
                JsonArray policyList = optionalList(user, "policies", path, "must be a list of policy documents");
                if (root && !policyList.isEmpty()) {
                    throw new MalformedSeed(at(path, "policies"), "a root user takes no policies; it may do everything in its account");
                }
                List<String> documents = new ArrayList<>();
                for (int i = 0; i < policyList.size(); i++) {
                    documents.add(policy(policyList.get(i), at(path, "policies") + "[" + i + "]"));
                }
                policies = Optional.of(documents);
            }
            return new UserEntry(name, root, keys, policies);
        }

        private AccessKeyEntry accessKey(JsonObject key, String path) {
            onlyFields(key, path, "id", "secret", "active");
            String id = string(key, "id", path);
            if (!ACCESS_KEY_ID.matcher(id).matches()) {
                throw new MalformedSeed(at(path, "id"), "must be 4 to 64 letters, digits, '_' or '-'");
            }
            unique(accessKeyIds, id, at(path, "id"));
            String secret = string(key, "secret", path);
            if (!SECRET.matcher(secret).matches()) {
                throw new MalformedSeed(at(path, "secret"), "must be 16 to 256 visible ASCII characters (no spaces)");
            }
            return new AccessKeyEntry(id, secret, optionalBoolean(key, "active", path, true));
        }

        private ConsoleUserEntry consoleUser(JsonObject user, String path) {
            onlyFields(user, path, "username", "password", "roles", "actsAs");
            String username = string(user, "username", path);
            if (!CONSOLE_USERNAME.matcher(username).matches()) {
                throw new MalformedSeed(at(path, "username"), "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            unique(consoleUsernames, username, at(path, "username"));
            String password = string(user, "password", path);
            if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
                throw new MalformedSeed(at(path, "password"), "must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
            }
            JsonArray roleList = requiredList(user, "roles", path, "must be a list of roles");
            if (roleList.isEmpty()) {
                throw new MalformedSeed(at(path, "roles"), "must name at least one of purge-admin, purge-operator, purge-viewer");
            }
            Set<String> roles = new LinkedHashSet<>();
            for (int i = 0; i < roleList.size(); i++) {
                if (!(roleList.get(i) instanceof JsonString role) || !CONSOLE_ROLES.contains(role.getString())) {
                    throw new MalformedSeed(at(path, "roles") + "[" + i + "]", "must be purge-admin, purge-operator or purge-viewer");
                }
                roles.add(role.getString());
            }
            Optional<PrincipalRef> actsAs = Optional.empty();
            if (user.containsKey("actsAs")) {
                JsonValue value = user.get("actsAs");
                actsAs = value instanceof JsonString ref ? PrincipalRef.parse(ref.getString()) : Optional.empty();
                if (actsAs.isEmpty()) {
                    throw new MalformedSeed(at(path, "actsAs"), "must be ACCOUNT_UID/USER_NAME, e.g. 1000000000000001/root");
                }
            }
            return new ConsoleUserEntry(username, password, roles, actsAs);
        }
    }

    private static String policy(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedSeed(path, "must be a policy document (a JSON object)");
        }
        String document = value.toString();
        try {
            PolicyDocument.parse(document);
        } catch (MalformedPolicy e) {
            throw new MalformedSeed(e.path().isEmpty() ? path : path + "." + e.path(), e.problem());
        }
        return document;
    }

    private static String accountUid(JsonObject account, String path) {
        JsonValue value = account.get("uid");
        if (value == null) {
            throw new MalformedSeed(at(path, "uid"), "missing");
        }
        if (value.getValueType() == JsonValue.ValueType.NUMBER) {
            // As a number it may already have lost digits; the file must say what it means.
            throw new MalformedSeed(at(path, "uid"), "must be 16 digits, as a JSON string");
        }
        if (!(value instanceof JsonString uid) || !Principal.isAccountUid(uid.getString())) {
            throw new MalformedSeed(at(path, "uid"), "must be 16 digits");
        }
        return uid.getString();
    }

    private static void unique(Map<String, String> seen, String value, String path) {
        String first = seen.putIfAbsent(value, path);
        if (first != null) {
            throw new MalformedSeed(path, "repeats " + first);
        }
    }

    private static JsonValue readJson(String json) {
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

    private static void onlyFields(JsonObject object, String path, String... allowed) {
        List<String> fields = List.of(allowed);
        for (String key : object.keySet()) {
            if (!fields.contains(key)) {
                throw new MalformedSeed(at(path, key), "unknown field; expected " + String.join(", ", fields));
            }
        }
    }

    private static JsonObject object(JsonValue value, String path) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedSeed(path, "must be an object");
        }
        return value.asJsonObject();
    }

    private static String string(JsonObject object, String key, String path) {
        JsonValue value = object.get(key);
        if (value == null) {
            throw new MalformedSeed(at(path, key), "missing");
        }
        if (!(value instanceof JsonString s)) {
            throw new MalformedSeed(at(path, key), "must be a string");
        }
        return s.getString();
    }

    private static boolean optionalBoolean(JsonObject object, String key, String path, boolean absent) {
        JsonValue value = object.get(key);
        if (value == null) {
            return absent;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw new MalformedSeed(at(path, key), "must be true or false");
    }

    private static JsonArray optionalList(JsonObject object, String key, String path, String problem) {
        JsonValue value = object.get(key);
        if (value == null) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new MalformedSeed(at(path, key), problem);
        }
        return value.asJsonArray();
    }

    private static JsonArray requiredList(JsonObject object, String key, String path, String problem) {
        if (!object.containsKey(key)) {
            throw new MalformedSeed(at(path, key), "missing");
        }
        return optionalList(object, key, path, problem);
    }

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static String at(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
