package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.timetracker.platform.Rows;
import org.timetracker.platform.SqlValues;
import org.timetracker.users.User;

/** Opens, finds and ends sessions, which live in PostgreSQL so they survive releases. */
@ApplicationScoped
@Transactional
public class Sessions {
  @PersistenceContext EntityManager em;
  @Inject SessionSettings settings;
  @Inject UsageRecorder usage;
  @Inject Rows database;

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

  /**
   * The live session of an active user for this cookie value, marked as used. One indexed query, no
   * entities: this runs before every browser request.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<SignedIn> authenticate(String token) {
    Instant now = Instant.now();
    List<Object[]> rows =
        database.select(
            "select s.id, s.csrf_token, s.created_at, s.last_seen_at, "
                + SignedIn.USER_COLUMNS
                + " from sessions s join users u on u.id = s.user_id"
                + " where s.token_hash = ?",
            Tokens.sha256(token));
    if (rows.isEmpty()) {
      return Optional.empty();
    }

    Object[] row = rows.get(0);
    long sessionId = ((Number) row[0]).longValue();
    Instant createdAt = SqlValues.instant(row[2]);
    Instant lastSeenAt = SqlValues.instant(row[3]);
    if (now.isAfter(lastSeenAt.plus(settings.idleTimeout()))
        || now.isAfter(createdAt.plus(settings.absoluteTimeout()))) {
      usage.sessionEnded(sessionId);
      return Optional.empty();
    }
    markSeen(sessionId, lastSeenAt, now);
    return SignedIn.fromColumns(row, 4, sessionId, (String) row[1]);
  }

  /**
   * Records use at most once a minute: enough for the idle timeout, and most requests write
   * nothing.
   */
  private void markSeen(long sessionId, Instant lastSeenAt, Instant now) {
    if (lastSeenAt.isBefore(now.minusSeconds(60))) {
      usage.sessionSeen(sessionId, now);
    }
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
