package org.timetracker.users;

/** What a user may do: admins also manage the team's accounts. */
public enum Role {
  ADMIN,
  MEMBER;

  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
