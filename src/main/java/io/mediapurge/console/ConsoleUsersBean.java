package io.mediapurge.console;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

import io.mediapurge.access.ConsoleUserAdmin;
import io.mediapurge.console.AccessChanges.InForce;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The Access page's Console users tab: create, change roles and {@code actsAs}, reset the
 * password, remove; the rules are {@link ConsoleUserAdmin}'s (a purge-admin is always left, an
 * admin cannot lock themselves out).
 */
@Named
@ViewScoped
public class ConsoleUsersBean implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    transient AccessChanges changes;

    @Inject
    transient ConsoleCaller caller;

    @Inject
    transient ConsoleUserAdmin consoleUsers;

    private String consoleUser;
    private List<String> consoleRoles = new ArrayList<>();
    private String consoleActsAs;
    private String consolePassword;
    private String newConsoleUsername;
    private String newConsolePassword;
    private List<String> newConsoleRoles = new ArrayList<>(List.of("purge-viewer"));
    private String newConsoleActsAs;

    /** The console users, a database page at a time; nobody but a purge-admin sees any (the page itself is refused). */
    public LazyDataModel<ConsoleUserAdmin.UserRow> getConsoleUsers() {
        return users;
    }

    private final LazyDataModel<ConsoleUserAdmin.UserRow> users = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return caller.isAdmin() ? (int) Math.min(Integer.MAX_VALUE, consoleUsers.count()) : 0;
        }

        @Override
        public List<ConsoleUserAdmin.UserRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            return caller.isAdmin() ? consoleUsers.users(first, pageSize) : List.of();
        }

        @Override
        public String getRowKey(ConsoleUserAdmin.UserRow row) {
            return row.username();
        }
    };

    public void editConsoleUser(String username) {
        if (!caller.isAdmin()) {
            return;
        }
        consoleUsers.find(username).ifPresent(u -> {
            consoleUser = u.username();
            consoleRoles = new ArrayList<>(u.roles());
            consoleActsAs = u.actsAs();
            consolePassword = null;
        });
    }

    public void saveConsoleUser() {
        String name = consoleUser;
        if (!changes.apply("CHANGE_ROLES", "console user " + name, InForce.SESSIONS_END, () -> {
            consoleUsers.changeRoles(name, new LinkedHashSet<>(consoleRoles), caller.getName());
            return "roles " + String.join(", ", consoleRoles);
        })) {
            return;
        }
        changes.apply("SET_ACTS_AS", "console user " + name, InForce.NEXT_REQUEST, () -> {
            consoleUsers.setActsAs(name, consoleActsAs);
            return consoleActsAs == null || consoleActsAs.isBlank() ? "acts as nobody (read only)" : "acts as " + consoleActsAs.strip();
        });
    }

    public void resetPassword() {
        String name = consoleUser;
        char[] password = consolePassword == null ? null : consolePassword.toCharArray();
        consolePassword = null;
        changes.apply("RESET_PASSWORD", "console user " + name, InForce.SESSIONS_END, () -> {
            consoleUsers.resetPassword(name, password);
            return "password replaced";
        });
    }

    public void removeConsoleUser() {
        String name = consoleUser;
        if (changes.apply("REMOVE_CONSOLE_USER", "console user " + name, InForce.SESSIONS_END, () -> {
            consoleUsers.remove(name, caller.getName());
            return null;
        })) {
            consoleUser = null;
        }
    }

    public void createConsoleUser() {
        String name = newConsoleUsername == null || newConsoleUsername.isBlank() ? null : newConsoleUsername.strip();
        char[] password = newConsolePassword == null ? null : newConsolePassword.toCharArray();
        newConsolePassword = null;
        if (changes.apply("CREATE_CONSOLE_USER", "console user " + name, InForce.EVERY_SERVER, () -> {
            consoleUsers.create(name, password, new LinkedHashSet<>(newConsoleRoles), newConsoleActsAs);
            return "roles " + String.join(", ", newConsoleRoles)
                    + (newConsoleActsAs == null || newConsoleActsAs.isBlank() ? ", acts as nobody" : ", acts as " + newConsoleActsAs.strip());
        })) {
            newConsoleUsername = null;
            newConsoleActsAs = null;
        }
    }

    public String getConsoleUser() { return consoleUser; }
    public List<String> getConsoleRoles() { return consoleRoles; }
    public void setConsoleRoles(List<String> v) { this.consoleRoles = v; }
    public String getConsoleActsAs() { return consoleActsAs; }
    public void setConsoleActsAs(String v) { this.consoleActsAs = v; }
    public String getConsolePassword() { return consolePassword; }
    public void setConsolePassword(String v) { this.consolePassword = v; }
    public String getNewConsoleUsername() { return newConsoleUsername; }
    public void setNewConsoleUsername(String v) { this.newConsoleUsername = v; }
    public String getNewConsolePassword() { return newConsolePassword; }
    public void setNewConsolePassword(String v) { this.newConsolePassword = v; }
    public List<String> getNewConsoleRoles() { return newConsoleRoles; }
    public void setNewConsoleRoles(List<String> v) { this.newConsoleRoles = v; }
    public String getNewConsoleActsAs() { return newConsoleActsAs; }
    public void setNewConsoleActsAs(String v) { this.newConsoleActsAs = v; }
    public String roles(ConsoleUserAdmin.UserRow row) { return String.join(", ", row.roles()); }
    public List<String> getRoleNames() { return List.of("purge-admin", "purge-operator", "purge-viewer"); }
}
