package io.mediapurge.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.mediapurge.purge.service.PurgeService;
import io.mediapurge.access.Account;
import io.mediapurge.access.PrincipalRef;
import io.mediapurge.access.RamUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * Purge rules of an account: checked, saved, changed, switched on and off, deleted, their fires
 * read back, and a selection previewed before it is saved. Each method takes the account whose
 * caller asks (a rule of another account does not exist for it) and knows no door: the REST
 * resource and a console page call the same methods, after their own permission checks.
 */
@ApplicationScoped
public class Rules {

    public static final long MAX_ITEMS = 10_000_000;
    public static final int MAX_PARTITIONS = PurgeService.MAX_PARTITIONS;
    public static final int MAX_AGE_DAYS = 36_500;
    public static final int NEXT_FIRES = 5;
    public static final int PREVIEW_IDS = 20;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    private static final Pattern UID = Pattern.compile("\\d{16}");

    /** A rule as the doors show it: its definition, the schedule in words and the next fire times. */
    public record RuleView(long id, String accountUid, RuleDefinition definition, String description,
            List<ZonedDateTime> nextFires, OffsetDateTime nextFireAt, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    /** One fire as the doors show it. */
    public record FireView(long id, OffsetDateTime scheduledAt, OffsetDateTime firedAt, boolean manual, String state,
            String server, int attempts, Long matched, Boolean capped, Long submissionId, Long jobExecutionId,
            boolean skipped, String reason) {
    }

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    /** Saves a new rule of {@code accountUid}; {@link InvalidRule} names the first bad field and nothing is kept. */
    @Transactional
    public RuleView create(String accountUid, String createdBy, RuleDefinition definition) {
        Checked checked = check(accountUid, definition);
        if (nameTaken(accountUid, definition.name(), null)) {
            throw new InvalidRule("name", "the account already has a rule named \"" + definition.name() + "\"");
        }
        PurgeRule rule = new PurgeRule(accountUid, createdBy);
        rule.define(definition, checked.actsAs(), checked.schedule(), clock.instant());
        em.persist(rule);
        em.flush();
        return view(rule);
    }

    @Transactional
    public Optional<RuleView> find(long id, String accountUid) {
        return rule(id, accountUid).map(this::view);
    }

    /** The account's rules by ID. */
    @Transactional
    public List<RuleView> list(String accountUid) {
        return em.createQuery("SELECT r FROM PurgeRule r WHERE r.accountUid = :uid ORDER BY r.id", PurgeRule.class)
                .setParameter("uid", accountUid).getResultList().stream().map(this::view).toList();
    }

    /** Every account's rules by ID, for the console's readers, who see every account's runs too. */
    @Transactional
    public List<RuleView> listAll() {
        return em.createQuery("SELECT r FROM PurgeRule r ORDER BY r.id", PurgeRule.class)
                .getResultList().stream().map(this::view).toList();
    }

    /** Replaces a rule's definition; its next fire is planned again from now. Empty: no such rule. */
    @Transactional
    public Optional<RuleView> update(long id, String accountUid, RuleDefinition definition) {
        Optional<PurgeRule> found = rule(id, accountUid);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Checked checked = check(accountUid, definition);
        if (nameTaken(accountUid, definition.name(), id)) {
            throw new InvalidRule("name", "the account already has a rule named \"" + definition.name() + "\"");
        }
        PurgeRule rule = found.get();
        rule.define(definition, checked.actsAs(), checked.schedule(), clock.instant());
        return Optional.of(view(rule));
    }

    @Transactional
    public Optional<RuleView> enable(long id, String accountUid, boolean enabled) {
        return rule(id, accountUid).map(rule -> {
            rule.enable(enabled, rule.schedule(), clock.instant());
            return view(rule);
        });
    }

    /**
     * Deletes a rule and its fire history; the submissions it made stay (as any submission, until
     * history retention removes them), no longer linked to it. False: no such rule.
     */
    @Transactional
    public boolean delete(long id, String accountUid) {
        if (rule(id, accountUid).isEmpty()) {
            return false;
        }
        em.createNativeQuery("UPDATE purge_submission SET rule_id = NULL, rule_fire_id = NULL WHERE rule_id = ?")
                .setParameter(1, id).executeUpdate();
        em.createQuery("DELETE FROM RuleFire f WHERE f.ruleId = :id").setParameter("id", id).executeUpdate();
        em.createQuery("DELETE FROM PurgeRule r WHERE r.id = :id").setParameter("id", id).executeUpdate();
        return true;
    }

    /** The rule's fires, newest first. Empty: no such rule. */
    @Transactional
    public Optional<List<FireView>> fires(long id, String accountUid, int max) {
        if (rule(id, accountUid).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(em.createQuery("SELECT f FROM RuleFire f WHERE f.ruleId = :id ORDER BY f.scheduledAt DESC, f.id DESC",
                RuleFire.class).setParameter("id", id).setMaxResults(max).getResultList().stream()
                .map(f -> new FireView(f.getId(), f.getScheduledAt(), f.getFiredAt(), f.isManual(), f.getState().name(), f.getServer(),
                        f.getAttempts(), f.getMatched(), f.getCapped(), f.getSubmissionId(), f.getJobExecutionId(),
                        f.getState() == RuleFire.State.SKIPPED, f.getReason()))
                .toList());
    }

    /** What the rule would select now, without saving it. */
    @Transactional
    public RuleMatches.Preview preview(String accountUid, RuleDefinition definition, RuleMatches matches) {
        check(accountUid, definition);
        return matches.preview(definition.select(), registeredBefore(definition.select(), clock.instant()), PREVIEW_IDS);
    }

    /** The schedule of a definition in words and its next fire times (for a form, while typing). */
    public RuleView describe(RuleDefinition definition) {
        CronSchedule schedule = schedule(definition);
        return new RuleView(0, null, definition, schedule.description(), schedule.next(clock.instant(), NEXT_FIRES), null, null, null,
                null);
    }

    /** The rule's account and the RAM user it acts as, when it exists (the doors' permission checks need both first). */
    @Transactional
    public Optional<PrincipalRef> actsAs(long id, String accountUid) {
        return rule(id, accountUid).map(r -> new PrincipalRef(r.getActsAs().getAccount().getUid(), r.getActsAs().getName()));
    }

    /** Assets registered before this instant are old enough for the selection (null: no age bound). */
    static OffsetDateTime registeredBefore(RuleSelection selection, Instant at) {
        return selection.olderThanDays() == null ? null
                : at.minus(selection.olderThanDays(), ChronoUnit.DAYS).atOffset(ZoneOffset.UTC);
    }

    private record Checked(RamUser actsAs, CronSchedule schedule) {
    }

    private Checked check(String accountUid, RuleDefinition d) {
        text("name", d.name(), 128, true);
        CronSchedule schedule = schedule(d);
        RuleSelection s = d.select();
        if (s == null) {
            throw new InvalidRule("select", "is required: at least the owner account (select.ownerUid)");
        }
        if (s.ownerUid() == null || !UID.matcher(s.ownerUid()).matches()) {
            throw new InvalidRule("select.ownerUid", "must be a 16-digit account UID");
        }
        if (em.find(Account.class, s.ownerUid()) == null) {
            throw new InvalidRule("select.ownerUid", "no account " + s.ownerUid());
        }
        if (!s.ownerUid().equals(accountUid)) {
            throw new InvalidRule("select.ownerUid", "a rule selects the assets of its own account (" + accountUid + ") only");
        }
        if (s.bucket() != null && !BUCKET.matcher(s.bucket()).matches()) {
            throw new InvalidRule("select.bucket", "not an OSS bucket name (3 to 63 lowercase letters, digits and '-')");
        }
        text("select.keyPrefix", s.keyPrefix(), 1024, false);
        if (s.keyPrefix() != null && s.bucket() == null) {
            throw new InvalidRule("select.keyPrefix", "a key prefix needs select.bucket");
        }
        text("select.mediaType", s.mediaType(), 16, false);
        text("select.businessType", s.businessType(), 32, false);
        if (s.olderThanDays() != null && (s.olderThanDays() < 0 || s.olderThanDays() > MAX_AGE_DAYS)) {
            throw new InvalidRule("select.olderThanDays", s.olderThanDays() < 0 ? "must not be negative"
                    : "must be at most " + MAX_AGE_DAYS);
        }
        if (d.maxItems() != null && (d.maxItems() < 1 || d.maxItems() > MAX_ITEMS)) {
            throw new InvalidRule("maxItems", "must be from 1 to " + MAX_ITEMS + " (or null for no cap)");
        }
        if (s.wholeAccount() && s.olderThanDays() == null && d.maxItems() == null) {
            throw new InvalidRule("select", "would select every asset of account " + s.ownerUid()
                    + " with no cap and no age bound; give olderThanDays, maxItems, or a bucket, media type or business type");
        }
        if (d.partitions() < 1 || d.partitions() > MAX_PARTITIONS) {
            throw new InvalidRule("partitions", "must be a whole number from 1 to " + MAX_PARTITIONS);
        }
        if (d.missedFires() == null) {
            throw new InvalidRule("missedFires", "must be RUN_ONCE or SKIP");
        }
        PrincipalRef ref = PrincipalRef.parse(d.actsAs())
                .orElseThrow(() -> new InvalidRule("actsAs", "must name a RAM user as ACCOUNT_UID/USER_NAME"));
        if (!ref.accountUid().equals(accountUid)) {
            throw new InvalidRule("actsAs", "must be a RAM user of the rule's account (" + accountUid + ")");
        }
        RamUser user = em.createQuery("SELECT u FROM RamUser u WHERE u.account.uid = :uid AND u.name = :name", RamUser.class)
                .setParameter("uid", ref.accountUid()).setParameter("name", ref.userName()).getResultStream().findFirst()
                .orElseThrow(() -> new InvalidRule("actsAs", "no RAM user " + ref));
        return new Checked(user, schedule);
    }

    private static CronSchedule schedule(RuleDefinition d) {
        try {
            return CronSchedule.of(d.cron(), d.timeZone());
        } catch (CronSchedule.Invalid e) {
            throw new InvalidRule(e.field(), e.getMessage());
        }
    }

    private static void text(String field, String value, int max, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidRule(field, "is required");
            }
            return;
        }
        if (value.isBlank() || value.length() > max) {
            throw new InvalidRule(field, "must be 1 to " + max + " characters");
        }
        if (!value.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new InvalidRule(field, "must not hold control characters");
        }
    }

    private boolean nameTaken(String accountUid, String name, Long except) {
        return em.createQuery("SELECT r.id FROM PurgeRule r WHERE r.accountUid = :uid AND r.name = :name", Long.class)
                .setParameter("uid", accountUid).setParameter("name", name).getResultStream()
                .anyMatch(id -> !id.equals(except));
    }

    private Optional<PurgeRule> rule(long id, String accountUid) {
        PurgeRule rule = em.find(PurgeRule.class, id);
        return rule == null || !rule.getAccountUid().equals(accountUid) ? Optional.empty() : Optional.of(rule);
    }

    private RuleView view(PurgeRule rule) {
        CronSchedule schedule = rule.schedule();
        return new RuleView(rule.getId(), rule.getAccountUid(), rule.definition(), schedule.description(),
                schedule.next(clock.instant(), NEXT_FIRES), rule.getNextFireAt(), rule.getCreatedBy(), rule.getCreatedAt(),
                rule.getUpdatedAt());
    }
}
