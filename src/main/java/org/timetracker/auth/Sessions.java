package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import org.timetracker.users.User;

/** Opens, finds and ends sessions, which live in PostgreSQL so they survive releases. */
@ApplicationScoped
@Transactional
public class Sessions {
  @PersistenceContext EntityManager em;
  @Inject SessionSettings settings;

  /** The cookie value of a new session and the session itself. */
  public record Opened(String token, Session session) {}

  public Opened open(long userId, String clientAddress) {
    String token = Tokens.random();
    User user = em.getReference(User.class, userId);
    Session session =
        new Session(user, Tokens.sha256(token), Tokens.random(), clientAddress, Instant.now());
    em.persist(session);
    return new Opened(token, session);
  }

  /** The live session of an active user for this cookie value, marked as used. */
  public Optional<SignedIn> authenticate(String token) {
    Instant now = Instant.now();
    Optional<Session> found =
        em.createQuery(
                "select s from Session s join fetch s.user where s.tokenHash = :hash",
                Session.class)
            .setParameter("hash", Tokens.sha256(token))
            .getResultStream()
            .findFirst();
    if (found.isEmpty()) {
      return Optional.empty();
    }

    Session session = found.get();
    if (session.expired(now, settings.idleTimeout(), settings.absoluteTimeout())) {
      em.remove(session);
      return Optional.empty();
    }
    User user = session.user();
    if (!user.active()) {
      return Optional.empty();
    }

    session.seen(now);
    return Optional.of(SignedIn.of(user, session.id(), session.csrfToken()));
  }

  public void end(long sessionId) {
    em.createQuery("delete from Session s where s.id = :id")
        .setParameter("id", sessionId)
        .executeUpdate();
  }

  /** Ends every session of a user, or every one but {@code keep} when it is not null. */
  public int endAllOf(long userId, Long keep) {
    return em.createQuery(
            "delete from Session s where s.user.id = :user and (:keep is null or s.id <> :keep)")
        .setParameter("user", userId)
        .setParameter("keep", keep)
        .executeUpdate();
  }

  /** Deletes sessions past either timeout; run from time to time. */
  public int sweep() {
    Instant now = Instant.now();
    return em.createQuery(
            "delete from Session s where s.lastSeenAt < :idle or s.createdAt < :absolute")
        .setParameter("idle", now.minus(settings.idleTimeout()))
        .setParameter("absolute", now.minus(settings.absoluteTimeout()))
        .executeUpdate();
  }
}
