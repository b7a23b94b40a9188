package io.mediapurge.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.access.AccessAdmin;
import io.mediapurge.access.PrincipalRef;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Access (purge-admin only): accounts, RAM users and their policies, access keys and bucket grants
 * (what a user may do to an asset: {@link AccessCheckBean}; console users: {@link ConsoleUsersBean}). Every action is checked on the server and audited,
 * allowed or refused ({@link AccessChanges}); the rules are {@link AccessAdmin}'s.
 */
@Named
@ViewScoped
public class AccessBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient ConsoleGuard guard;

    @Inject
    transient ConsoleCaller caller;

    @Inject
    transient AccessAdmin access;

    @Inject
    transient AccessChanges changes;

    private boolean refused;
    private int tab;
    private String account;
    private String user;
    private String newAccountUid;
    private String newAccountName;
    private String newUserName;
    private String newBucket;
    private List<PolicyText> policies = new ArrayList<>();
    private AccessAdmin.NewKey newKey;

    /** One policy document in the editor. */
    public static final class PolicyText implements Serializable {
        private static final long serialVersionUID = 1L;
        private String document;

        PolicyText(String document) {
            this.document = document;
        }

        public String getDocument() { return document; }
        public void setDocument(String document) { this.document = document; }
    }


    /** Opening the page: refused (and audited) for anyone but a purge-admin. */
    public void open() {
        try {
            guard.require(ConsoleGuard.Permission.ADMIN, "OPEN_ACCESS", "access page");
        } catch (ConsoleRefused e) {
            refused = true;
            return;
        }
        List<AccessAdmin.AccountRow> accounts = access.accounts();
        // A link may name the account (?account=UID); an unknown one falls back to the first.
        String named = account;
        account = null;
        accounts.stream().map(AccessAdmin.AccountRow::uid).filter(uid -> uid.equals(named)).findFirst()
                .or(() -> accounts.stream().map(AccessAdmin.AccountRow::uid).findFirst())
                .ifPresent(this::selectAccount);
    }

    /** The tab shown stays shown across the page's updates. */
    public void tabChanged(org.primefaces.event.TabChangeEvent<?> event) {
        tab = event.getComponent().getChildren().indexOf(event.getTab());
    }

    // ---------------------------------------------------------------- accounts, users, grants

    public List<AccessAdmin.AccountRow> getAccounts() {
        return refused ? List.of() : access.accounts();
    }

    public void accountChanged() {
        selectAccount(account);
    }

    private void selectAccount(String uid) {
        account = uid;
        List<AccessAdmin.UserRow> users = access.users(uid, 0, 2); // root first: the second is the first other user
        selectUser(users.stream().filter(u -> !u.root()).findFirst().or(() -> users.stream().findFirst())
                .map(AccessAdmin.UserRow::name).orElse(null));
    }

    public void selectUser(String name) {
        user = name;
        newKey = null;
        policies = new ArrayList<>();
        if (name != null) {
            access.policies(ref()).forEach(d -> policies.add(new PolicyText(d)));
        }
    }

    /** The account's RAM users, a database page at a time. */
    public LazyDataModel<AccessAdmin.UserRow> getUsers() {
        return users;
    }

    private final LazyDataModel<AccessAdmin.UserRow> users = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return account == null ? 0 : (int) Math.min(Integer.MAX_VALUE, access.countUsers(account));
        }

        @Override
        public List<AccessAdmin.UserRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return account == null ? List.of() : access.users(account, first, pageSize);
        }

        @Override
        public String getRowKey(AccessAdmin.UserRow row) {
            return row.name();
        }
    };

    public List<String> getGrants() {
        return account == null ? List.of() : access.grants(account);
    }

    public void createAccount() {
        if (change("CREATE_ACCOUNT", "account " + newAccountUid, () -> {
            access.createAccount(strip(newAccountUid), newAccountName);
            return "name " + newAccountName + ", root user root";
        })) {
            selectAccount(strip(newAccountUid));
            newAccountUid = null;
            newAccountName = null;
        }
    }

    public void createUser() {
        String name = strip(newUserName);
        if (change("CREATE_RAM_USER", account + "/" + name, () -> {
            access.createUser(account, name);
            return "no policies: it may do nothing until one is saved";
        })) {
            selectUser(name);
            newUserName = null;
        }
    }

    public void grant() {
        String bucket = strip(newBucket);
        if (change("GRANT_BUCKET", "account " + account, () -> {
            access.grant(account, bucket);
            return "bucket " + bucket;
        })) {
            newBucket = null;
        }
    }

    public void withdraw(String bucket) {
        change("WITHDRAW_BUCKET", "account " + account, () -> {
            access.withdraw(account, bucket);
            return "bucket " + bucket;
        });
    }

    // ---------------------------------------------------------------- policies and the check

    public void addPolicy() {
        policies.add(new PolicyText("{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ice:DeleteMediaInfos\","
                + " \"Resource\": \"acs:ice:*:" + account + ":media/*\"}]}"));
    }

    public void removePolicy(int index) {
        if (index >= 0 && index < policies.size()) {
            policies.remove(index);
        }
    }

    public void savePolicies() {
        List<String> documents = policies.stream().map(PolicyText::getDocument).toList();
        if (change("SAVE_POLICIES", ref().toString(), () -> {
            boolean changed = access.replacePolicies(ref(), documents);
            return documents.size() + " polic" + (documents.size() == 1 ? "y" : "ies") + (changed ? "" : ", unchanged");
        })) {
            selectUser(user);
        }
    }

    // ---------------------------------------------------------------- access keys

    public List<AccessAdmin.KeyRow> getKeys() {
        return user == null ? List.of() : access.keys(ref());
    }

    public void createKey() {
        AccessAdmin.NewKey[] made = {null};
        if (change("CREATE_ACCESS_KEY", ref().toString(), () -> {
            made[0] = access.createKey(ref());
            return "AccessKeyId " + made[0].accessKeyId();
        })) {
            newKey = made[0];
        }
    }

    /** The secret is shown once: dismissing it (or any other action) forgets it. */
    public void forgetSecret() {
        newKey = null;
    }

    public void setKeyActive(String accessKeyId, boolean active) {
        newKey = null;
        change(active ? "ACTIVATE_ACCESS_KEY" : "DEACTIVATE_ACCESS_KEY", ref().toString(), () ->
                "AccessKeyId " + accessKeyId + (access.setKeyActive(ref(), accessKeyId, active) ? "" : ", unchanged"));
    }

    public void deleteKey(String accessKeyId) {
        newKey = null;
        change("DELETE_ACCESS_KEY", ref().toString(), () -> {
            access.deleteKey(ref(), accessKeyId);
            return "AccessKeyId " + accessKeyId;
        });
    }

    // ----------------------------------------------------------------

    /** One change of an account, a user, a key or a grant: in force at once on every server. */
    private boolean change(String action, String target, Supplier<String> made) {
        return changes.apply(action, target, AccessChanges.InForce.EVERY_SERVER, made);
    }

    private PrincipalRef ref() {
        return new PrincipalRef(account, user);
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static void message(FacesMessage.Severity severity, String text) {
        AccessChanges.message(severity, text);
    }

    public boolean isRefused() { return refused; }
    public int getTab() { return tab; }
    public void setTab(int tab) { this.tab = tab; }
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }
    public String getUser() { return user; }
    public String getUserRef() { return user == null ? null : ref().toString(); }
    public String getNewAccountUid() { return newAccountUid; }
    public void setNewAccountUid(String v) { this.newAccountUid = v; }
    public String getNewAccountName() { return newAccountName; }
    public void setNewAccountName(String v) { this.newAccountName = v; }
    public String getNewUserName() { return newUserName; }
    public void setNewUserName(String v) { this.newUserName = v; }
    public String getNewBucket() { return newBucket; }
    public void setNewBucket(String v) { this.newBucket = v; }
    public List<PolicyText> getPolicies() { return policies; }
    public boolean isUserRoot() { return user != null && access.isRoot(ref()); }
    public AccessAdmin.NewKey getNewKey() { return newKey; }
}
