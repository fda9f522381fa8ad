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

/** Personal API tokens: created, listed, revoked, and checked on every bearer request. */
@ApplicationScoped
@Transactional
public class ApiTokens {
  @PersistenceContext EntityManager em;
  @Inject UsageRecorder usage;
  @Inject Rows database;

  /** The token as shown once to its owner, and what is stored of it. */
  public record Created(String token, ApiToken stored) {}

  public Created create(long userId, String name, Instant expiresAt) {
    String token = Tokens.API_TOKEN_PREFIX + Tokens.random();
    ApiToken stored =
        new ApiToken(
            em.getReference(User.class, userId),
            name,
            Tokens.sha256(token),
            expiresAt,
            Instant.now());
    em.persist(stored);
    return new Created(token, stored);
  }

  public List<ApiToken> of(long userId) {
    return em.createQuery(
            "select t from ApiToken t where t.user.id = :user order by t.createdAt desc, t.id desc",
            ApiToken.class)
        .setParameter("user", userId)
        .getResultList();
  }

  /** Deletes one of the user's tokens; the name of the revoked token, if it was theirs. */
  public Optional<String> revoke(long userId, long tokenId) {
    ApiToken token = em.find(ApiToken.class, tokenId);
    if (token == null || !token.user().id().equals(userId)) {
      return Optional.empty();
    }
    em.remove(token);
    return Optional.of(token.name());
  }

  /**
   * The signed-in user for a bearer token that exists, has not expired and belongs to an active
   * user. One indexed query, no entities: this runs before every script request.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public Optional<SignedIn> authenticate(String token) {
    Instant now = Instant.now();
    List<Object[]> rows =
        database.select(
            "select t.id, t.expires_at, t.last_used_at, "
                + SignedIn.USER_COLUMNS
                + " from api_tokens t join users u on u.id = t.user_id"
                + " where t.token_hash = ?",
            Tokens.sha256(token));
    if (rows.isEmpty()) {
      return Optional.empty();
    }

    Object[] row = rows.get(0);
    Instant expiresAt = row[1] == null ? null : SqlValues.instant(row[1]);
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return Optional.empty();
    }
    markUsed(((Number) row[0]).longValue(), row[2], now);
    return SignedIn.fromColumns(row, 3, null, null);
  }

  /** Records use at most once a minute, so that most requests write nothing. */
  private void markUsed(long tokenId, Object lastUsedAt, Instant now) {
    if (lastUsedAt == null || SqlValues.instant(lastUsedAt).isBefore(now.minusSeconds(60))) {
      usage.tokenUsed(tokenId, now);
    }
  }
}
