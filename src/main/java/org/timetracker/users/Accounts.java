package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.timetracker.platform.errors.ApiException;

/** Creates and finds accounts. Callers hash passwords before, outside any transaction. */
@ApplicationScoped
@Transactional
public class Accounts {
  @PersistenceContext EntityManager em;

  /** Stores a new account whose fields were checked and whose password is already hashed. */
  public User create(
      String email, String name, ZoneId zone, String currency, Role role, String passwordHash) {
    if (findByEmail(email).isPresent()) {
      throw ApiException.conflict("An account with this email already exists.");
    }
    User user = new User(email, name, zone, currency, role, passwordHash);
    em.persist(user);
    em.flush();
    return user;
  }

  public Optional<User> findByEmail(String email) {
    return em.createQuery("select u from User u where lower(u.email) = lower(:email)", User.class)
        .setParameter("email", email)
        .getResultStream()
        .findFirst();
  }

  public User get(long id) {
    User user = em.find(User.class, id);
    if (user == null) {
      throw ApiException.notFound("The user");
    }
    return user;
  }

  public List<User> all() {
    return em.createQuery("select u from User u order by lower(u.name), u.id", User.class)
        .getResultList();
  }

  public boolean none() {
    return em.createQuery("select count(u) from User u", Long.class).getSingleResult() == 0;
  }

  public void replacePasswordHash(long userId, String hash) {
    get(userId).changePasswordHash(hash);
  }
}
