package io.mediapurge.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** Console users as the console needs them after sign-in: whose permissions their purges run with. */
@ApplicationScoped
public class ConsoleUsers {

    @PersistenceContext(unitName = "mediapurge")
    EntityManager em;

    /** The RAM user a console user acts as; empty when it has none (it can read, not launch). */
    @Transactional
    public Optional<PrincipalRef> actsAs(String username) {
        ConsoleUser user = username == null ? null : em.find(ConsoleUser.class, username);
        if (user == null || user.getActsAs() == null) {
            return Optional.empty();
        }
        RamUser ram = user.getActsAs();
        return Optional.of(new PrincipalRef(ram.getAccount().getUid(), ram.getName()));
    }
}
