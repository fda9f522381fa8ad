package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.timetracker.auth.SecurityLog;
import org.timetracker.auth.Sessions;
import org.timetracker.auth.SignedIn;
import org.timetracker.platform.errors.ApiException;

/**
 * An admin's changes to an account. Deactivating a user or resetting their password ends their
 * sessions; an admin cannot demote or deactivate themself, so a team always keeps an admin.
 */
@ApplicationScoped
@Transactional
public class UserAdministration {
  @Inject Accounts accounts;
  @Inject Sessions sessions;

  public User change(SignedIn admin, long id, UsersResource.UserChanges changes, String newHash) {
    User user = accounts.get(id);
    boolean self = user.id() == admin.userId();
    List<String> changed = new ArrayList<>();

    if (changes.name() != null) {
      user.rename(AccountFields.name(changes.name()));
      changed.add("name");
    }
    if (changes.role() != null && changes.role() != user.role()) {
      if (self) {
        throw ApiException.invalid("You cannot change your own role; ask another admin.");
      }
      user.assign(changes.role());
      changed.add("role " + changes.role().jsonName());
    }
    if (changes.active() != null && changes.active() != user.active()) {
      if (self) {
        throw ApiException.invalid("You cannot deactivate your own account.");
      }
      user.activate(changes.active());
      changed.add(changes.active() ? "activated" : "deactivated");
    }
    if (newHash != null) {
      user.changePasswordHash(newHash);
      changed.add("password reset");
    }

    if (!user.active() || newHash != null) {
      sessions.endAllOf(user.id(), self ? admin.sessionId() : null);
    }
    if (!changed.isEmpty()) {
      SecurityLog.userChanged(admin.email(), user.email(), String.join(", ", changed));
    }
    return user;
  }
}
