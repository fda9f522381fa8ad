package org.timetracker.auth;

import jakarta.enterprise.context.RequestScoped;
import java.time.ZoneId;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.users.Role;

/** The signed-in user of this request, set by {@link AuthenticationFilter}. */
@RequestScoped
public class CurrentUser {
  private SignedIn signedIn;

  void set(SignedIn signedIn) {
    this.signedIn = signedIn;
  }

  public SignedIn get() {
    if (signedIn == null) {
      throw ApiException.notSignedIn();
    }
    return signedIn;
  }

  public long id() {
    return get().userId();
  }

  public ZoneId zone() {
    return get().zone();
  }

  public String currency() {
    return get().currency();
  }

  public void requireAdmin() {
    if (get().role() != Role.ADMIN) {
      throw ApiException.forbidden("Only admins may do this.");
    }
  }
}
