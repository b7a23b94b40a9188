package io.mediapurge.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static io.mediapurge.access.SeedJson.at;
import static io.mediapurge.access.SeedJson.object;
import static io.mediapurge.access.SeedJson.onlyFields;
import static io.mediapurge.access.SeedJson.optionalBoolean;
import static io.mediapurge.access.SeedJson.optionalList;
import static io.mediapurge.access.SeedJson.readJson;
import static io.mediapurge.access.SeedJson.requiredList;
import static io.mediapurge.access.SeedJson.string;

import io.mediapurge.access.SeedFile.AccessKeyEntry;
import io.mediapurge.access.SeedFile.AccountEntry;
import io.mediapurge.access.SeedFile.ConsoleUserEntry;
import io.mediapurge.access.SeedFile.UserEntry;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The provisioning file's schema: which fields each entry has, what each value may be, which
 * names must be unique across the file. It turns a document into a {@link SeedFile} or reports
 * the first fault with its JSON path; it knows nothing of the database.
 */
final class SeedSchema {

    static final Pattern OSS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x7e]{16,256}");
    static final Pattern CONSOLE_USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    static final int MAX_ACCOUNT_NAME = 64;
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 1024;

    private SeedSchema() {
    }

    /** Reads and checks a provisioning document. */
    static SeedFile check(String json) {
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
                if (!(roleList.get(i) instanceof JsonString role) || !SeedFile.CONSOLE_ROLES.contains(role.getString())) {
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

    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }
}
