package io.mediapurge.access;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The provisioning file ({@code MEDIAPURGE_SEED}): accounts with their RAM users, access keys,
 * policies and bucket grants, and console users. Read and checked whole before anything is
 * applied; the first fault is reported as one line with its JSON path, e.g.
 * {@code accounts[0].users[1].accessKeys[0].secret: missing}. The checks themselves are
 * {@link SeedSchema}'s; whether an {@code actsAs} user exists in the database is for
 * {@link SeedApplier} to say.
 */
public record SeedFile(List<AccountEntry> accounts, List<ConsoleUserEntry> consoleUsers) {

    /** Roles a console user can have. */
    public static final Set<String> CONSOLE_ROLES = Set.of("purge-admin", "purge-operator", "purge-viewer");

    static final long MAX_BYTES = 16L * 1024 * 1024;

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
        return SeedSchema.check(json);
    }
}
