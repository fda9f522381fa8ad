package org.timetracker.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.timetracker.users.User;

/** Personal API tokens: created, listed, revoked, and checked on every bearer request. */
@ApplicationScoped
@Transactional
public class ApiTokens {
  @PersistenceContext EntityManager em;

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

  public Optional<SignedIn> authenticate(String token) {
    Instant now = Instant.now();
    Optional<ApiToken> found =
        em.createQuery(
                "select t from ApiToken t join fetch t.user where t.tokenHash = :hash",
                ApiToken.class)
            .setParameter("hash", Tokens.sha256(token))
            .getResultStream()
            .findFirst();
    if (found.isEmpty() || found.get().expired(now) || !found.get().user().active()) {
      return Optional.empty();
    }

    ApiToken apiToken = found.get();
    apiToken.used(now);
    return Optional.of(SignedIn.of(apiToken.user(), null, null));
  }
}
