package io.mediapurge.console;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import io.mediapurge.schedule.InvalidRule;
import io.mediapurge.schedule.MissedFires;
import io.mediapurge.schedule.RuleDefinition;
import io.mediapurge.schedule.RuleFire;
import io.mediapurge.schedule.RuleFiring;
import io.mediapurge.schedule.RuleMatches;
import io.mediapurge.schedule.Rules;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Schedules: the purge rules of the account the console user acts in, a form to create or edit
 * one (its schedule in words and next fire times while typing, a preview of what it selects), and
 * enable, disable, run now, delete and the rule's fires. Every change goes through the schedule
 * services, after {@link ConsoleGuard}'s check, and is audited.
 */
@Named
@ViewScoped
public class SchedulesBean implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int MAX_FIRES = 100;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    @Inject
    transient Rules rules;

    @Inject
    transient RuleFiring firing;

    @Inject
    transient RuleMatches matches;

    @Inject
    transient ConsoleGuard guard;

    @Inject
    transient ConsoleCaller caller;

    private Long editing;
    private boolean formOpen;
    private RuleForm form = RuleForm.newRule(null);

    private String description;
    private List<String> nextFires = List.of();
    private String scheduleError;
    private RuleMatches.Preview preview;

    private Long selected;
    private List<Rules.RuleView> list = List.of();
    private List<Rules.FireView> fires = List.of();

    @PostConstruct
    void init() {
        reload();
        describe();
    }

    /** The account whose rules this user sees and makes: that of its actsAs RAM user. */
    private Optional<String> account() {
        return caller.actsAs().map(p -> p.accountUid());
    }

    /**
     * A user acting in an account sees that account's rules; one acting as nobody only reads, and
     * reads every account's, as the Runs page shows every account's runs.
     */
    private void reload() {
        list = account().map(rules::list).orElseGet(rules::listAll);
        if (selected != null) {
            String ruleAccount = account().orElseGet(() -> list.stream().filter(r -> r.id() == selected)
                    .map(Rules.RuleView::accountUid).findFirst().orElse(null));
            fires = ruleAccount == null ? List.of() : rules.fires(selected, ruleAccount, MAX_FIRES).orElse(List.of());
        }
    }

    public void newRule() {
        editing = null;
        formOpen = true;
        form = RuleForm.newRule(account().orElse(null));
        preview = null;
        describe();
    }

    public void edit(long id) {
        Optional<Rules.RuleView> found = account().flatMap(a -> rules.find(id, a));
        if (found.isEmpty()) {
            message(FacesMessage.SEVERITY_WARN, "No purge rule " + id + ".");
            return;
        }
        editing = id;
        formOpen = true;
        form = RuleForm.of(found.get().definition());
        preview = null;
        describe();
    }

    public void cancel() {
        formOpen = false;
        editing = null;
    }

    /** The schedule in words and its next fire times, or the message naming the bad field. */
    public void describe() {
        try {
            Rules.RuleView view = rules.describe(definition());
            description = view.description();
            nextFires = view.nextFires().stream().map(SHOWN::format).toList();
            scheduleError = null;
        } catch (InvalidRule e) {
            description = null;
            nextFires = List.of();
            scheduleError = e.field() + ": " + e.getMessage();
        }
    }

    public void preview() {
        guard.require(ConsoleGuard.Permission.READ, "PREVIEW_RULE", null);
        if (account().isEmpty()) {
            message(FacesMessage.SEVERITY_ERROR, "Your console user acts as no RAM user, so no account's assets can be previewed.");
            return;
        }
        try {
            preview = rules.preview(account().get(), definition(), matches);
        } catch (InvalidRule e) {
            preview = null;
            invalid(e);
        }
    }

    public void save() {
        String action = editing == null ? "CREATE_RULE" : "UPDATE_RULE";
        String target = editing == null ? null : "rule " + editing;
        try {
            guard.require(ConsoleGuard.Permission.LAUNCH, action, target);
            String account = account().orElseThrow();
            Rules.RuleView saved;
            if (editing == null) {
                saved = rules.create(account, "console:" + caller.getName(), definition());
            } else {
                Optional<Rules.RuleView> updated = rules.update(editing, account, definition());
                if (updated.isEmpty()) {
                    guard.failed(action, target, "no such rule");
                    message(FacesMessage.SEVERITY_WARN, "No purge rule " + editing + ".");
                    return;
                }
                saved = updated.get();
            }
            guard.done(action, "rule " + saved.id(), "\"" + saved.definition().name() + "\", " + saved.definition().cron() + " "
                    + saved.definition().timeZone() + (saved.definition().enabled() ? "" : ", disabled"));
            message(FacesMessage.SEVERITY_INFO, "Rule " + saved.id() + " saved: " + saved.description() + ".");
            formOpen = false;
            editing = null;
            selected = saved.id();
            reload();
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
        } catch (InvalidRule e) {
            guard.failed(action, target, e.field() + ": " + e.getMessage());
            invalid(e);
        }
    }

    public void enable(long id) {
        toggle(id, true);
    }

    public void disable(long id) {
        toggle(id, false);
    }

    private void toggle(long id, boolean on) {
        String action = on ? "ENABLE_RULE" : "DISABLE_RULE";
        try {
            // Enabling lets the rule delete again as the RAM user it acts as; disabling only stops it.
            guard.require(on ? ConsoleGuard.Permission.LAUNCH : ConsoleGuard.Permission.STEER, action, "rule " + id);
            Optional<Rules.RuleView> done = account().flatMap(a -> rules.enable(id, a, on));
            if (done.isEmpty()) {
                guard.failed(action, "rule " + id, "no such rule");
                message(FacesMessage.SEVERITY_WARN, "No purge rule " + id + ".");
            } else {
                guard.done(action, "rule " + id, null);
                message(FacesMessage.SEVERITY_INFO, "Rule " + id + (on ? " enabled." : " disabled."));
            }
            reload();
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    public void runNow(long id) {
        try {
            guard.require(ConsoleGuard.Permission.LAUNCH, "RUN_RULE", "rule " + id);
            if (account().flatMap(a -> rules.find(id, a)).isEmpty()) {
                guard.failed("RUN_RULE", "rule " + id, "no such rule");
                message(FacesMessage.SEVERITY_WARN, "No purge rule " + id + ".");
                return;
            }
            RuleFiring.Fired fired = firing.runNow(id, Instant.now());
            selected = id;
            if (fired.state() == RuleFire.State.FIRED) {
                guard.done("RUN_RULE", "rule " + id, "fire " + fired.fireId() + ", submission " + fired.submissionId() + ", "
                        + fired.matched() + " matched" + (fired.capped() ? ", capped" : ""));
                message(FacesMessage.SEVERITY_INFO, "Rule " + id + " ran: submission " + fired.submissionId() + ", "
                        + fired.matched() + " assets matched" + (fired.capped() ? " (capped at maxItems)" : "") + ".");
            } else {
                guard.failed("RUN_RULE", "rule " + id, fired.state() + ": " + fired.reason());
                message(FacesMessage.SEVERITY_WARN, "Rule " + id + " did not run: " + fired.reason() + ".");
            }
            reload();
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    public void delete(long id) {
        try {
            guard.require(ConsoleGuard.Permission.STEER, "DELETE_RULE", "rule " + id);
            if (account().map(a -> rules.delete(id, a)).orElse(false)) {
                guard.done("DELETE_RULE", "rule " + id, null);
                message(FacesMessage.SEVERITY_INFO, "Rule " + id + " deleted; the submissions it made stay.");
                if (Long.valueOf(id).equals(selected)) {
                    selected = null;
                    fires = List.of();
                }
            } else {
                guard.failed("DELETE_RULE", "rule " + id, "no such rule");
                message(FacesMessage.SEVERITY_WARN, "No purge rule " + id + ".");
            }
            reload();
        } catch (ConsoleRefused e) {
            message(FacesMessage.SEVERITY_ERROR, e.getMessage());
        }
    }

    public void showFires(long id) {
        selected = id;
        reload();
    }

    private RuleDefinition definition() {
        return form.definition(caller.getActsAsText());
    }

    private static void invalid(InvalidRule e) {
        message(FacesMessage.SEVERITY_ERROR, e.field() + ": " + e.getMessage());
    }

    private static void message(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, null));
    }

    public String shown(java.time.OffsetDateTime at) {
        return at == null ? "" : SHOWN.format(at);
    }

    public List<Rules.RuleView> getList() { return list; }
    public List<Rules.FireView> getFires() { return fires; }
    public Long getSelected() { return selected; }
    public Long getEditing() { return editing; }
    public boolean isFormOpen() { return formOpen; }
    public String getDescription() { return description; }
    public List<String> getNextFires() { return nextFires; }
    public String getScheduleError() { return scheduleError; }
    public RuleMatches.Preview getPreview() { return preview; }
    public MissedFires[] getMissedFireChoices() { return MissedFires.values(); }
    public int getMaxPartitions() { return Rules.MAX_PARTITIONS; }
    public RuleForm getForm() { return form; }
}
