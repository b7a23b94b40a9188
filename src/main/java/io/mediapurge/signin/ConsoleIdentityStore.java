package io.mediapurge.signin;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.mediapurge.access.ConsolePasswords;
import io.mediapurge.access.ConsoleUser;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.transaction.Transactional;

/**
 * Console users as {@code console_user} holds them: the PBKDF2 hash checked, the roles as
 * groups. An unknown username costs a hash check like a wrong password, and a locked one is
 * refused before its password is looked at; all three answer the same.
 */
@ApplicationScoped
public class ConsoleIdentityStore implements IdentityStore {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    @Inject
    ConsolePasswords passwords;

    @Inject
    SignInThrottle throttle;

    @Inject
    jakarta.servlet.http.HttpServletRequest request;

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    @Transactional
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        String username = login.getCaller();
        if (username == null || username.isBlank() || username.length() > 64 || throttle.locked(username)) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        ConsoleUser user = em.find(ConsoleUser.class, username);
        if (!passwords.matches(login.getPassword().getValue(), user == null ? null : user.getPasswordHash())) {
            throttle.failed(username);
            return CredentialValidationResult.INVALID_RESULT;
        }
        throttle.succeeded(username);
        // what this sign-in grants; LoginBean keeps it in the session for AccessChangeCheck
        request.setAttribute(SessionAccess.STAMP, user.accessStamp());
        Set<String> roles = user.getRoles().stream().filter(ConsoleRoles.ALL::contains).collect(Collectors.toSet());
        return new CredentialValidationResult(user.getUsername(), roles);
    }

    /** The roles again, for the handler that asks every group-providing store (the validating one included). */
    @Override
    @Transactional
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        ConsoleUser user = em.find(ConsoleUser.class, validationResult.getCallerPrincipal().getName());
        return user == null ? Set.of() : user.getRoles().stream().filter(ConsoleRoles.ALL::contains).collect(Collectors.toSet());
    }
}
