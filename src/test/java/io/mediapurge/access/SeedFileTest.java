package io.mediapurge.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.mediapurge.access.SeedFile.AccountEntry;
import io.mediapurge.access.SeedFile.ConsoleUserEntry;
import io.mediapurge.access.SeedFile.UserEntry;

class SeedFileTest {

    private static final String ALLOW_ICE = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ice:*\",\"Resource\":\"*\"}]}";

    /** The example of the issue, with real-looking keys. */
    private static final String GOOD = """
            {"accounts":[{"uid":"1000000000000001","name":"acme","bucketGrants":["acme-media"],
              "users":[{"name":"root","root":true,"accessKeys":[{"id":"LTAI5tAcmeRoot0001","secret":"acmeRootSecret0123456789abcd"}]},
                       {"name":"ops","accessKeys":[{"id":"LTAI5tAcmeOps00001","secret":"acmeOpsSecret0123456789abcde","active":false}],
                        "policies":[%s]}]}],
             "consoleUsers":[{"username":"admin","password":"correct horse battery","roles":["purge-admin"],"actsAs":"1000000000000001/root"}]}
            """.formatted(ALLOW_ICE);

    @Test
    void aGoodFileReadsWhole() {
        SeedFile seed = SeedFile.parse(GOOD);
        assertEquals(1, seed.accounts().size());
        AccountEntry acme = seed.accounts().get(0);
        assertEquals("1000000000000001", acme.uid());
        assertEquals("acme", acme.name());
        assertEquals(List.of("acme-media"), acme.bucketGrants());
        UserEntry root = acme.users().get(0);
        assertTrue(root.root());
        assertEquals(Optional.empty(), root.policies(), "absent policies leave the stored ones alone");
        assertTrue(root.accessKeys().get(0).active(), "a key is active unless the file says otherwise");
        UserEntry ops = acme.users().get(1);
        assertFalse(ops.root());
        assertFalse(ops.accessKeys().get(0).active());
        assertEquals(Optional.of(List.of(ALLOW_ICE)), ops.policies());
        ConsoleUserEntry admin = seed.consoleUsers().get(0);
        assertEquals(Set.of("purge-admin"), admin.roles());
        assertEquals(Optional.of(new PrincipalRef("1000000000000001", "root")), admin.actsAs());
    }

    @Test
    void secretsAndPasswordsStayOutOfPrintedForms() {
        String printed = SeedFile.parse(GOOD).toString();
        assertFalse(printed.contains("acmeRootSecret"), printed);
        assertFalse(printed.contains("correct horse"), printed);
    }

    @Test
    void anEmptyProvisioningIsAllowed() {
        SeedFile seed = SeedFile.parse("{}");
        assertTrue(seed.accounts().isEmpty());
        assertTrue(seed.consoleUsers().isEmpty());
    }

    /** A bad file, and the one line that must say what and where. */
    record Bad(String json, String message) {
        @Override
        public String toString() {
            return message;
        }
    }

    static Stream<Bad> badFiles() {
        return Stream.of(
                new Bad("", "is empty"),
                new Bad("{\"accounts\":[", "is not valid JSON: the document ends too early"),
                new Bad("{\"accounts\":[}]}", "is not valid JSON at line 1, column 14"),
                new Bad("{\"accounts\":[]} trailing", "is not valid JSON at line 1, column 19"),
                new Bad("{\"accounts\":[]} {}", "is not valid JSON at line 1, column 17"),
                new Bad("[]", "must be a JSON object with accounts and consoleUsers"),
                new Bad("{\"accounts\":[],\"accounts\":[]}", "is not valid JSON: the key 'accounts' repeats at line 1, column 28"),
                new Bad("{\"acounts\":[]}", "acounts: unknown field; expected accounts, consoleUsers"),
                new Bad("{\"accounts\":{}}", "accounts: must be a list of accounts"),
                new Bad("{\"accounts\":[42]}", "accounts[0]: must be an object"),
                new Bad(account("\"name\":\"acme\",\"users\":[" + ROOT + "]"), "accounts[0].uid: missing"),
                new Bad(account("\"uid\":\"12345\",\"name\":\"acme\",\"users\":[" + ROOT + "]"), "accounts[0].uid: must be 16 digits"),
                new Bad(account("\"uid\":1000000000000001,\"name\":\"acme\",\"users\":[" + ROOT + "]"),
                        "accounts[0].uid: must be 16 digits, as a JSON string"),
                new Bad("{\"accounts\":[" + acme("1000000000000001", ROOT) + "," + acme("1000000000000001", ROOT) + "]}",
                        "accounts[1].uid: repeats accounts[0].uid"),
                new Bad(account("\"uid\":\"1000000000000001\",\"users\":[" + ROOT + "]"), "accounts[0].name: missing"),
                new Bad(account("\"uid\":\"1000000000000001\",\"name\":\"acme\",\"bucketGrants\":[\"Acme_Media\"],\"users\":[" + ROOT + "]"),
                        "accounts[0].bucketGrants[0]: must be an OSS bucket name: 3 to 63 lowercase letters, digits and hyphens,"
                                + " starting and ending with a letter or digit"),
                new Bad(account("\"uid\":\"1000000000000001\",\"name\":\"acme\""), "accounts[0].users: missing"),
                new Bad(wrap(acme("1000000000000001", user("ops", ""))),
                        "accounts[0].users: must contain exactly one root user (\"root\": true); found none"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + "{\"name\":\"boss\",\"root\":true}")),
                        "accounts[0].users[1].root: accounts[0].users[0] is already the account's root user"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + "{\"name\":\"root\"}")),
                        "accounts[0].users[1].name: repeats accounts[0].users[0].name"),
                new Bad(wrap(acme("1000000000000001", "{\"name\":\"root\",\"root\":\"yes\"}")),
                        "accounts[0].users[0].root: must be true or false"),
                new Bad(wrap(acme("1000000000000001", "{\"name\":\"root\",\"root\":true,\"password\":\"x\"}")),
                        "accounts[0].users[0].password: unknown field; expected name, root, accessKeys, policies"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops", ",\"accessKeys\":[{\"id\":\"LTAI5tOps00000001\"}]"))),
                        "accounts[0].users[1].accessKeys[0].secret: missing"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops",
                        ",\"accessKeys\":[{\"id\":\"LTAI5tOps00000001\",\"secret\":\"short\"}]"))),
                        "accounts[0].users[1].accessKeys[0].secret: must be 16 to 256 visible ASCII characters (no spaces)"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops",
                        ",\"accessKeys\":[{\"id\":\"LTAI5t Ops\",\"secret\":\"opsSecret0123456789abc\"}]"))),
                        "accounts[0].users[1].accessKeys[0].id: must be 4 to 64 letters, digits, '_' or '-'"),
                new Bad("{\"accounts\":[" + acme("1000000000000001", ROOT_WITH_KEY) + "," + acme("1000000000000002", ROOT_WITH_KEY) + "]}",
                        "accounts[1].users[0].accessKeys[0].id: repeats accounts[0].users[0].accessKeys[0].id"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops", ",\"policies\":[\"ice:*\"]"))),
                        "accounts[0].users[1].policies[0]: must be a policy document (a JSON object)"),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops", ",\"policies\":["
                        + "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Permit\",\"Action\":\"ice:*\",\"Resource\":\"*\"}]}]"))),
                        "accounts[0].users[1].policies[0].Statement[0].Effect: must be \"Allow\" or \"Deny\""),
                new Bad(wrap(acme("1000000000000001", ROOT + "," + user("ops", ",\"policies\":[" + ALLOW_ICE + ",{\"Version\":\"2\"}]"))),
                        "accounts[0].users[1].policies[1].Version: must be the string \"1\""),
                new Bad(wrap(acme("1000000000000001", "{\"name\":\"root\",\"root\":true,\"policies\":[" + ALLOW_ICE + "]}")),
                        "accounts[0].users[0].policies: a root user takes no policies; it may do everything in its account"),
                new Bad(console("\"password\":\"long enough\",\"roles\":[\"purge-admin\"]"), "consoleUsers[0].username: missing"),
                new Bad(console("\"username\":\"admin\",\"roles\":[\"purge-admin\"]"), "consoleUsers[0].password: missing"),
                new Bad(console("\"username\":\"admin\",\"password\":\"short\",\"roles\":[\"purge-admin\"]"),
                        "consoleUsers[0].password: must be 8 to 1024 characters"),
                new Bad(console("\"username\":\"admin\",\"password\":\"long enough\",\"roles\":[\"purge-viewer\",\"superuser\"]"),
                        "consoleUsers[0].roles[1]: must be purge-admin, purge-operator or purge-viewer"),
                new Bad(console("\"username\":\"admin\",\"password\":\"long enough\",\"roles\":[]"),
                        "consoleUsers[0].roles: must name at least one of purge-admin, purge-operator, purge-viewer"),
                new Bad(console("\"username\":\"admin\",\"password\":\"long enough\",\"roles\":[\"purge-admin\"],\"actsAs\":\"root\""),
                        "consoleUsers[0].actsAs: must be ACCOUNT_UID/USER_NAME, e.g. 1000000000000001/root"),
                new Bad("{\"consoleUsers\":[{\"username\":\"admin\",\"password\":\"long enough\",\"roles\":[\"purge-admin\"]},"
                        + "{\"username\":\"admin\",\"password\":\"long enough\",\"roles\":[\"purge-viewer\"]}]}",
                        "consoleUsers[1].username: repeats consoleUsers[0].username"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsReportedAsOneLineWithItsJsonPath(Bad bad) {
        MalformedSeed refused = assertThrows(MalformedSeed.class, () -> SeedFile.parse(bad.json()));
        assertEquals(bad.message(), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line");
    }

    @Test
    void aMissingFileIsReportedAsSuch(@TempDir Path dir) {
        MalformedSeed refused = assertThrows(MalformedSeed.class, () -> SeedFile.read(dir.resolve("nope.json")));
        assertEquals("does not exist", refused.getMessage());
        assertEquals("is a directory, not a file", assertThrows(MalformedSeed.class, () -> SeedFile.read(dir)).getMessage());
    }

    @Test
    void aFileThatIsNotUtf8OrNotJsonIsReportedAsSuch(@TempDir Path dir) throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertEquals("is not UTF-8 text", assertThrows(MalformedSeed.class, () -> SeedFile.read(latin1)).getMessage());
        Path yaml = Files.writeString(dir.resolve("seed.yaml"), "accounts:\n  - uid: 1\n");
        assertTrue(assertThrows(MalformedSeed.class, () -> SeedFile.read(yaml)).getMessage().startsWith("is not valid JSON at line 1"));
        Path good = Files.writeString(dir.resolve("seed.json"), GOOD);
        assertEquals(SeedFile.parse(GOOD), SeedFile.read(good));
    }

    private static final String ROOT = "{\"name\":\"root\",\"root\":true}";
    private static final String ROOT_WITH_KEY =
            "{\"name\":\"root\",\"root\":true,\"accessKeys\":[{\"id\":\"LTAI5tShared00001\",\"secret\":\"sharedSecret0123456789ab\"}]}";

    private static String user(String name, String rest) {
        return "{\"name\":\"" + name + "\"" + rest + "}";
    }

    private static String acme(String uid, String users) {
        return "{\"uid\":\"" + uid + "\",\"name\":\"acme\",\"users\":[" + users + "]}";
    }

    private static String account(String fields) {
        return "{\"accounts\":[{" + fields + "}]}";
    }

    private static String wrap(String account) {
        return "{\"accounts\":[" + account + "]}";
    }

    private static String console(String fields) {
        return "{\"consoleUsers\":[{" + fields + "}]}";
    }
}
