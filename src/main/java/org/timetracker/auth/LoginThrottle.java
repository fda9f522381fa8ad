package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.timetracker.platform.SqlValues;

/**
 * Counts failed sign-ins per email and client address. After too many within the window, the caller
 * must wait until the oldest of them leaves it; the password is not even checked.
 */
@ApplicationScoped
@Transactional
public class LoginThrottle {
  @PersistenceContext EntityManager em;
  @Inject SessionSettings settings;

  /** How long this email and address must wait, or empty when they may try. */
  public Optional<Duration> waitFor(String email, String clientAddress) {
    Instant now = Instant.now();
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select count(*), min(failed_at) from login_failures"
                        + " where email = ?1 and client_address = ?2 and failed_at > ?3")
                .setParameter(1, email)
                .setParameter(2, clientAddress)
                .setParameter(3, now.minus(settings.failureWindow()))
                .getSingleResult();
    long failures = ((Number) row[0]).longValue();
    if (failures < settings.maxFailures()) {
      return Optional.empty();
    }

    Instant oldest = SqlValues.instant(row[1]);
    Duration wait = Duration.between(now, oldest.plus(settings.failureWindow()));
    return Optional.of(wait.isNegative() ? Duration.ofSeconds(1) : wait);
  }

  public void recordFailure(String email, String clientAddress) {
    em.createNativeQuery(
            "insert into login_failures (email, client_address, failed_at) values (?1, ?2, ?3)")
        .setParameter(1, email)
        .setParameter(2, clientAddress)
        .setParameter(3, Instant.now())
        .executeUpdate();
  }

  public void forget(String email, String clientAddress) {
    em.createNativeQuery("delete from login_failures where email = ?1 and client_address = ?2")
        .setParameter(1, email)
        .setParameter(2, clientAddress)
        .executeUpdate();
  }

  /** Deletes failures that no longer count; run from time to time. */
  public int sweep() {
    return em.createNativeQuery("delete from login_failures where failed_at < ?1")
        .setParameter(1, Instant.now().minus(settings.failureWindow()))
        .executeUpdate();
  }
}
