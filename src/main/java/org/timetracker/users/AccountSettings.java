package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Applies a user's changes to their own name, time zone and currency. */
@ApplicationScoped
@Transactional
public class AccountSettings {
  @Inject Accounts accounts;

  public User change(long userId, MeResource.Changes changes) {
    User user = accounts.get(userId);
    if (changes.name() != null) {
      user.rename(AccountFields.name(changes.name()));
    }
    if (changes.timeZone() != null) {
      user.moveTo(AccountFields.zone(changes.timeZone()));
    }
    if (changes.currency() != null) {
      user.bill(AccountFields.currency(changes.currency()));
    }
    return user;
  }
}
