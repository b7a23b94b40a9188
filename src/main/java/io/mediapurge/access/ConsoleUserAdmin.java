package io.mediapurge.access;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Console users changed at run time: created, passwords reset, roles and {@code actsAs} set, removed, by
 * the provisioning file's rules. There is always a purge-admin left, and an admin cannot take the
 * role from themselves (nobody could give it back without a restart).
 */
@ApplicationScoped
public class ConsoleUserAdmin {

    /** The role that may administer access; at least one console user keeps it. */
    public static final String ADMIN_ROLE = "purge-admin";

    public record UserRow(String username, Set<String> roles, String actsAs, OffsetDateTime createdAt) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    ConsolePasswords passwords;

    /** A page of console users by username. */
    @Transactional
    public List<UserRow> users(int first, int max) {
        List<UserRow> rows = new ArrayList<>();
        for (ConsoleUser u : em.createQuery("SELECT u FROM ConsoleUser u ORDER BY u.username", ConsoleUser.class)
                .setFirstResult(first).setMaxResults(max).getResultList()) {
            rows.add(row(u));
        }
        return rows;
    }

    @Transactional
    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM ConsoleUser u", Long.class).getSingleResult();
    }

    @Transactional
    public Optional<UserRow> find(String username) {
        ConsoleUser u = username == null ? null : em.find(ConsoleUser.class, username);
        return Optional.ofNullable(u).map(ConsoleUserAdmin::row);
    }

    private static UserRow row(ConsoleUser u) {
        return new UserRow(u.getUsername(), new TreeSet<>(u.getRoles()), u.getActsAs() == null ? null
                : new PrincipalRef(u.getActsAs().getAccount().getUid(), u.getActsAs().getName()).toString(), u.getCreatedAt());
    }

    @Transactional
    public void create(String username, char[] password, Set<String> roles, String actsAs) {
        if (username == null || !SeedSchema.CONSOLE_USERNAME.matcher(username).matches()) {
            throw new InvalidAccessChange("Username: must be 1 to 64 letters, digits, '.', '_', '@' or '-'.");
        }
        if (em.find(ConsoleUser.class, username) != null) {
            throw new InvalidAccessChange("Console user " + username + " exists already.");
        }
        checkPassword(password);
        em.persist(new ConsoleUser(username, passwords.hash(password), checkedRoles(roles), actsAsUser(actsAs).orElse(null)));
    }

    @Transactional
    public void resetPassword(String username, char[] password) {
        checkPassword(password);
        user(username).replacePasswordHash(passwords.hash(password));
    }

    /** Sets the user's roles; refused when it would leave no purge-admin, or take the role from {@code changedBy} themselves. */
    @Transactional
    public void changeRoles(String username, Set<String> roles, String changedBy) {
        Set<String> checked = checkedRoles(roles);
        ConsoleUser user = user(username);
        if (user.getRoles().contains(ADMIN_ROLE) && !checked.contains(ADMIN_ROLE)) {
            if (username.equals(changedBy)) {
                throw new InvalidAccessChange("You cannot take purge-admin from yourself: nobody could give it back from the console."
                        + " Ask another purge-admin.");
            }
            requireAnotherAdmin(username, "is the last purge-admin; make another user purge-admin first.");
        }
        user.replaceRoles(checked);
    }

    /** Removes the console user; refused for {@code removedBy} themselves and for the last purge-admin. */
    @Transactional
    public void remove(String username, String removedBy) {
        ConsoleUser user = user(username);
        if (username.equals(removedBy)) {
            throw new InvalidAccessChange("You cannot remove yourself: you would be locked out at once. Ask another purge-admin.");
        }
        if (user.getRoles().contains(ADMIN_ROLE)) {
            requireAnotherAdmin(username, "is the last purge-admin and cannot be removed; make another user purge-admin first.");
        }
        em.remove(user);
    }

    /** Two admins demoting or removing each other at once must not both succeed: serialized on the admins' rows. */
    private void requireAnotherAdmin(String username, String otherwise) {
        List<ConsoleUser> admins = em.createQuery("SELECT u FROM ConsoleUser u WHERE u.roles LIKE :admin", ConsoleUser.class)
                .setParameter("admin", "%" + ADMIN_ROLE + "%").setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (admins.stream().noneMatch(a -> !a.getUsername().equals(username) && a.getRoles().contains(ADMIN_ROLE))) {
            throw new InvalidAccessChange(username + " " + otherwise);
        }
    }

    /** Sets the RAM user the console user's purges run as; blank: none (it can read, not launch). */
    @Transactional
    public void setActsAs(String username, String actsAs) {
        user(username).actAs(actsAsUser(actsAs).orElse(null));
    }

    private Optional<RamUser> actsAsUser(String actsAs) {
        if (actsAs == null || actsAs.isBlank()) {
            return Optional.empty();
        }
        PrincipalRef ref = PrincipalRef.parse(actsAs.strip()).orElseThrow(() ->
                new InvalidAccessChange("Acts as: must be ACCOUNT_UID/USER_NAME, e.g. 1000000000000001/root."));
        return Optional.of(em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", ref.accountUid()).setParameter("name", ref.userName()).getResultStream().findFirst()
                .orElseThrow(() -> new InvalidAccessChange("Acts as: there is no RAM user " + ref + ".")));
    }

    private static Set<String> checkedRoles(Set<String> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidAccessChange("Roles: choose at least one of purge-admin, purge-operator, purge-viewer.");
        }
        for (String role : roles) {
            if (!SeedFile.CONSOLE_ROLES.contains(role)) {
                throw new InvalidAccessChange("Roles: " + role + " is not one of purge-admin, purge-operator, purge-viewer.");
            }
        }
        return new LinkedHashSet<>(roles);
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < SeedSchema.MIN_PASSWORD || password.length > SeedSchema.MAX_PASSWORD) {
            throw new InvalidAccessChange("Password: must be " + SeedSchema.MIN_PASSWORD + " to " + SeedSchema.MAX_PASSWORD + " characters.");
        }
    }

    private ConsoleUser user(String username) {
        ConsoleUser user = username == null ? null : em.find(ConsoleUser.class, username);
        if (user == null) {
            throw new InvalidAccessChange("There is no console user " + username + ".");
        }
        return user;
    }
}
