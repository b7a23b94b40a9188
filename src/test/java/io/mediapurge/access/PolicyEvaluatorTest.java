package io.mediapurge.access;

import static io.mediapurge.access.AccessDecision.Basis.ALLOWED_BY_POLICY;
import static io.mediapurge.access.AccessDecision.Basis.DENIED_BY_POLICY;
import static io.mediapurge.access.AccessDecision.Basis.NOT_OWNER;
import static io.mediapurge.access.AccessDecision.Basis.NO_POLICY_ALLOWS;
import static io.mediapurge.access.AccessDecision.Basis.PRINCIPAL_INACTIVE;
import static io.mediapurge.access.AccessDecision.Basis.ROOT_OF_OWNER_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    private static final String OWN = "1234567890123456";
    private static final String OTHER = "6543210987654321";
    private static final String DELETE = "ice:DeleteMediaInfos";

    private static final String ALLOW_DELETE_ALL = policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"*\""));

    /** One row: who asks, with which policies, to do what on which resource, and what must be decided. */
    record Row(String story, Principal principal, String action, ResourceArn resource, AccessDecision.Basis expected) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // precedence
                row("allow on everything allows", user(ALLOW_DELETE_ALL), DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("no policy at all is the implicit deny", user(), DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("policy for another action is the implicit deny",
                        user(policy(statement("Allow", "\"ice:GetMediaInfo\"", "\"*\""))), DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("explicit deny beats allow in another policy",
                        user(ALLOW_DELETE_ALL, policy(statement("Deny", "\"ice:DeleteMediaInfos\"", "\"*\""))),
                        DELETE, media(OWN, "a1"), DENIED_BY_POLICY),
                row("explicit deny beats allow in the same policy, whatever the order",
                        user(policy(statement("Deny", "\"ice:*\"", "\"acs:ice:*:*:media/a1\""), statement("Allow", "\"*\"", "\"*\""))),
                        DELETE, media(OWN, "a1"), DENIED_BY_POLICY),
                row("deny on one asset leaves the others allowed",
                        user(ALLOW_DELETE_ALL, policy(statement("Deny", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:*:media/a1\""))),
                        DELETE, media(OWN, "a2"), ALLOWED_BY_POLICY),
                row("deny on another action does not deny this one",
                        user(ALLOW_DELETE_ALL, policy(statement("Deny", "\"ice:RegisterMediaInfo\"", "\"*\""))),
                        DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                // wildcards
                row("action * covers every action", user(policy(statement("Allow", "\"*\"", "\"*\""))), DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("action ice:Delete* covers DeleteMediaInfos",
                        user(policy(statement("Allow", "\"ice:Delete*\"", "\"*\""))), DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("action ice:Get* does not cover DeleteMediaInfos",
                        user(policy(statement("Allow", "\"ice:Get*\"", "\"*\""))), DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("action ? matches exactly one character",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfo?\"", "\"*\""))), DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("action ? does not match a missing character",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos?\"", "\"*\""))), DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("resource * inside the ARN covers region and asset",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:" + OWN + ":media/*\""))),
                        DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("resource prefix wildcard covers matching IDs only",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:*:media/tmp-*\""))),
                        DELETE, media(OWN, "keep-1"), NO_POLICY_ALLOWS),
                row("resource ? matches one character of the ID",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:cn-shanghai:*:media/a?\""))),
                        DELETE, media(OWN, "a7"), ALLOWED_BY_POLICY),
                row("resource ? does not match two characters",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:cn-shanghai:*:media/a?\""))),
                        DELETE, media(OWN, "a77"), NO_POLICY_ALLOWS),
                row("resource of another region is not covered",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:cn-beijing:*:media/*\""))),
                        DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                // case
                row("action names ignore case", user(policy(statement("Allow", "\"ICE:deletemediainfos\"", "\"*\""))),
                        DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("the requested action's case does not matter either", user(ALLOW_DELETE_ALL),
                        "ICE:DELETEMEDIAINFOS", media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("explicit deny ignores action case too",
                        user(ALLOW_DELETE_ALL, policy(statement("Deny", "\"Ice:Deletemediainfos\"", "\"*\""))),
                        DELETE, media(OWN, "a1"), DENIED_BY_POLICY),
                row("resource names are case-sensitive",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:*:media/ABC\""))),
                        DELETE, media(OWN, "abc"), NO_POLICY_ALLOWS),
                row("resource with the same case matches",
                        user(policy(statement("Allow", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:*:media/ABC\""))),
                        DELETE, media(OWN, "ABC"), ALLOWED_BY_POLICY),
                // ownership
                row("a user never reaches another account, even with Resource *",
                        user(policy(statement("Allow", "\"*\"", "\"*\""))), DELETE, media(OTHER, "a1"), NOT_OWNER),
                row("naming the other account in the policy does not help",
                        user(policy(statement("Allow", "\"*\"", "\"acs:ice:*:" + OTHER + ":media/*\""))), DELETE, media(OTHER, "a1"), NOT_OWNER),
                row("a policy naming another account does not cover own resources",
                        user(policy(statement("Allow", "\"*\"", "\"acs:ice:*:" + OTHER + ":media/*\""))), DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("root may do everything on its own account", Principal.root(OWN), DELETE, media(OWN, "a1"), ROOT_OF_OWNER_ACCOUNT),
                row("root of another account is not the owner", Principal.root(OTHER), DELETE, media(OWN, "a1"), NOT_OWNER),
                // inactive identities
                row("an inactive user is refused despite an allow", user(ALLOW_DELETE_ALL).deactivated(), DELETE, media(OWN, "a1"), PRINCIPAL_INACTIVE),
                row("an inactive root is refused", Principal.root(OWN).deactivated(), DELETE, media(OWN, "a1"), PRINCIPAL_INACTIVE),
                // strings and lists
                row("Action and Resource as lists",
                        user(policy(statement("Allow", "[\"ice:GetMediaInfo\",\"ice:DeleteMediaInfos\"]", "[\"acs:ice:*:*:media/x\",\"acs:ice:*:*:media/a1\"]"))),
                        DELETE, media(OWN, "a1"), ALLOWED_BY_POLICY),
                row("a list whose entries all miss does not allow",
                        user(policy(statement("Allow", "[\"ice:GetMediaInfo\",\"ice:DeleteMediaInfos\"]", "[\"acs:ice:*:*:media/x\"]"))),
                        DELETE, media(OWN, "a1"), NO_POLICY_ALLOWS),
                row("deny given as a one-entry list still wins",
                        user(ALLOW_DELETE_ALL, policy(statement("Deny", "[\"ice:DeleteMediaInfos\"]", "[\"*\"]"))),
                        DELETE, media(OWN, "a1"), DENIED_BY_POLICY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        AccessDecision decision = PolicyEvaluator.forPrincipal(row.principal()).decide(row.action(), row.resource());

        assertEquals(row.expected(), decision.basis(), () -> row.story() + " -> " + decision);
        boolean expectAllowed = row.expected() == ALLOWED_BY_POLICY || row.expected() == ROOT_OF_OWNER_ACCOUNT;
        assertEquals(expectAllowed, decision.allowed());
        assertEquals(expectAllowed, decision.forbiddenReason().isEmpty());
    }

    /** A policy document refused on save, and the JSON path the refusal must name. */
    record Refusal(String story, String json, String path) {
        @Override
        public String toString() {
            return story;
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(
                new Refusal("not JSON", "{\"Version\":\"1\",", ""),
                new Refusal("not an object", "[1,2]", ""),
                new Refusal("empty text", "  ", ""),
                new Refusal("larger than RAM allows", policy(statement("Allow", "\"*\"", "\"acs:ice:*:*:media/" + "x".repeat(7000) + "\"")), ""),
                new Refusal("missing Version", "{\"Statement\":[" + statement("Allow", "\"*\"", "\"*\"") + "]}", "Version"),
                new Refusal("Version 2", "{\"Version\":\"2\",\"Statement\":[" + statement("Allow", "\"*\"", "\"*\"") + "]}", "Version"),
                new Refusal("Version as a number", "{\"Version\":1,\"Statement\":[" + statement("Allow", "\"*\"", "\"*\"") + "]}", "Version"),
                new Refusal("missing Statement", "{\"Version\":\"1\"}", "Statement"),
                new Refusal("Statement as an object", "{\"Version\":\"1\",\"Statement\":" + statement("Allow", "\"*\"", "\"*\"") + "}", "Statement"),
                new Refusal("no statements", "{\"Version\":\"1\",\"Statement\":[]}", "Statement"),
                new Refusal("unknown top-level element", "{\"Version\":\"1\",\"Id\":\"x\",\"Statement\":[" + statement("Allow", "\"*\"", "\"*\"") + "]}", "Id"),
                new Refusal("statement not an object", policy("\"Allow\""), "Statement[0]"),
                new Refusal("missing Effect", policy(statement("Allow", "\"*\"", "\"*\""), "{\"Action\":\"*\",\"Resource\":\"*\"}"), "Statement[1].Effect"),
                new Refusal("unknown Effect", policy(statement("Allow", "\"*\"", "\"*\""), statement("Permit", "\"*\"", "\"*\"")), "Statement[1].Effect"),
                new Refusal("Effect in the wrong case", policy(statement("allow", "\"*\"", "\"*\"")), "Statement[0].Effect"),
                new Refusal("missing Action", policy("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"), "Statement[0].Action"),
                new Refusal("empty action list", policy(statement("Allow", "[]", "\"*\"")), "Statement[0].Action"),
                new Refusal("action not a string", policy(statement("Allow", "[\"ice:GetMediaInfo\",3]", "\"*\"")), "Statement[0].Action[1]"),
                new Refusal("Action as an object", policy(statement("Allow", "{}", "\"*\"")), "Statement[0].Action"),
                new Refusal("action without a service", policy(statement("Allow", "\"DeleteMediaInfos\"", "\"*\"")), "Statement[0].Action"),
                new Refusal("empty action", policy(statement("Allow", "[\"\"]", "\"*\"")), "Statement[0].Action[0]"),
                new Refusal("missing Resource", policy("{\"Effect\":\"Allow\",\"Action\":\"*\"}"), "Statement[0].Resource"),
                new Refusal("empty resource list", policy(statement("Allow", "\"*\"", "[]")), "Statement[0].Resource"),
                new Refusal("resource that is no ARN", policy(statement("Allow", "\"*\"", "[\"*\",\"media/a1\"]")), "Statement[0].Resource[1]"),
                new Refusal("resource with a space", policy(statement("Allow", "\"*\"", "\"acs:ice:*:*:media/a 1\"")), "Statement[0].Resource"),
                new Refusal("Condition is not supported",
                        policy("{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"acs:SourceIp\":\"10.0.0.0/8\"}}}"),
                        "Statement[0].Condition"),
                new Refusal("NotAction is not supported", policy("{\"Effect\":\"Deny\",\"NotAction\":\"ice:Get*\",\"Resource\":\"*\"}"), "Statement[0].NotAction"),
                new Refusal("deeply nested junk", "[".repeat(3000) + "]".repeat(3000), ""),
                new Refusal("nested junk inside a statement",
                        policy("{\"Effect\":\"Allow\",\"Action\":" + "[".repeat(6) + "\"*\"" + "]".repeat(6) + ",\"Resource\":\"*\"}"), ""),
                new Refusal("repeated key", policy("{\"Effect\":\"Deny\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}"), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesMalformedPolicyOnSave(Refusal refusal) {
        MalformedPolicy refused = assertThrows(MalformedPolicy.class, () -> PolicyDocument.parse(refusal.json()));

        assertEquals(refusal.path(), refused.path(), refused::getMessage);
        assertTrue(refused.getMessage().startsWith(refusal.path().isEmpty() ? "policy: " : refusal.path() + ": "), refused::getMessage);
    }

    @Test
    void acceptsAPolicyWithWhitespaceAndBothForms() {
        PolicyDocument document = PolicyDocument.parse("""
                {
                  "Version": "1",
                  "Statement": [
                    {"Effect": "Allow", "Action": ["ice:GetMediaInfo", "ice:Delete*"], "Resource": "acs:ice:*:%s:media/*"},
                    {"Effect": "Deny", "Action": "ice:DeleteMediaInfos", "Resource": ["acs:ice:*:*:media/keep-?"]}
                  ]
                }
                """.formatted(OWN));

        assertEquals(2, document.statements().size());
        assertEquals(Effect.DENY, document.statements().get(1).effect());
        assertEquals(List.of("acs:ice:*:*:media/keep-?"), document.statements().get(1).resources());
    }

    @Test
    void decidesManyResourcesForOneActionAtOnce() {
        Principal user = user(ALLOW_DELETE_ALL, policy(statement("Deny", "\"ice:DeleteMediaInfos\"", "\"acs:ice:*:*:media/keep-*\"")));
        PolicyEvaluator.ForAction deletes = PolicyEvaluator.forPrincipal(user).forAction(DELETE);

        List<Optional<ForbiddenReason>> reasons = new ArrayList<>();
        for (ResourceArn asset : List.of(media(OWN, "tmp-1"), media(OWN, "keep-1"), media(OTHER, "tmp-2"))) {
            reasons.add(deletes.decide(asset).forbiddenReason());
        }

        assertEquals(List.of(Optional.empty(), Optional.of(ForbiddenReason.POLICY_DENY), Optional.of(ForbiddenReason.NOT_OWNER)), reasons);
        assertTrue(deletes.decide(media(OWN, "keep-2")).toString().contains("Statement[0]"), "the decision names the statement that denied");
    }

    @Test
    void bucketGrantsNameTheFirstUngrantedBucket() {
        BucketGrants grants = new BucketGrants(OWN, List.of("media-src", "media-out"));

        assertTrue(grants.grants("media-src"));
        assertFalse(grants.grants("Media-Src"));
        assertEquals(Optional.empty(), grants.check(List.of("media-src", "media-out")));
        assertEquals(Optional.of("other"), grants.firstUngranted(List.of("media-src", "other", "more")));
        assertEquals(Optional.of(ForbiddenReason.BUCKET_NOT_AUTHORIZED), BucketGrants.none(OWN).check(List.of("media-src")));
    }

    @Test
    void resourceNamesRoundTrip() {
        ResourceArn arn = ResourceArn.parse("acs:ice:cn-shanghai:" + OWN + ":media/a:b/c");

        assertEquals(media(OWN, "a:b/c"), arn);
        assertEquals("acs:ice:cn-shanghai:" + OWN + ":media/a:b/c", arn.toString());
        assertThrows(IllegalArgumentException.class, () -> ResourceArn.parse("acs:ice:cn-shanghai:*:media/a1"));
        assertThrows(IllegalArgumentException.class, () -> ResourceArn.parse("arn:ice:cn-shanghai:" + OWN + ":media/a1"));
    }

    @Test
    void wildcardsNeverBacktrackExponentially() {
        WildcardPattern pattern = WildcardPattern.exact("*a*a*a*a*a*a*a*a*a*a*a*b");
        String text = "a".repeat(5000);

        long started = System.nanoTime();
        assertFalse(pattern.matches(text));
        assertTrue(System.nanoTime() - started < 2_000_000_000L);
    }

    private static Row row(String story, Principal principal, String action, ResourceArn resource, AccessDecision.Basis expected) {
        return new Row(story, principal, action, resource, expected);
    }

    private static Principal user(String... policies) {
        List<AttachedPolicy> attached = new ArrayList<>();
        for (int i = 0; i < policies.length; i++) {
            attached.add(new AttachedPolicy("p" + i, PolicyDocument.parse(policies[i])));
        }
        return Principal.ramUser(OWN, "alice", attached);
    }

    private static ResourceArn media(String owner, String mediaId) {
        return ResourceArn.media("cn-shanghai", owner, mediaId);
    }

    private static String statement(String effect, String action, String resource) {
        return "{\"Effect\":\"" + effect + "\",\"Action\":" + action + ",\"Resource\":" + resource + "}";
    }

    private static String policy(String... statements) {
        return "{\"Version\":\"1\",\"Statement\":[" + String.join(",", statements) + "]}";
    }
}
