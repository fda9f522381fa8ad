package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The few writes of authentication (last use of a token or session, ending an expired session),
 * each in a short transaction of its own, so that the lookups before every request need none.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class UsageRecorder {
  @PersistenceContext EntityManager em;

  public void tokenUsed(long tokenId, Instant now) {
    em.createNativeQuery("update api_tokens set last_used_at = ?1 where id = ?2")
        .setParameter(1, now)
        .setParameter(2, tokenId)
        .executeUpdate();
  }

  public void sessionSeen(long sessionId, Instant now) {
    em.createNativeQuery("update sessions set last_seen_at = ?1 where id = ?2")
        .setParameter(1, now)
        .setParameter(2, sessionId)
        .executeUpdate();
  }

  public void sessionEnded(long sessionId) {
    em.createNativeQuery("delete from sessions where id = ?1")
        .setParameter(1, sessionId)
        .executeUpdate();
  }
}
