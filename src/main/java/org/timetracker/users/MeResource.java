package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.timetracker.auth.CurrentUser;
import org.timetracker.auth.PasswordHasher;
import org.timetracker.auth.Passwords;
import org.timetracker.auth.SecurityLog;
import org.timetracker.auth.Sessions;
import org.timetracker.auth.SignedIn;
import org.timetracker.platform.errors.ApiException;

/** The signed-in user's own account. */
@Path("me")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeResource {
  @Inject CurrentUser currentUser;
  @Inject Accounts accounts;
  @Inject AccountSettings settings;
  @Inject PasswordHasher hasher;
  @Inject Sessions sessions;

  public record Changes(String name, String timeZone, String currency) {}

  public record PasswordChange(
      @NotNull(message = "Enter your current password.")
          @Size(max = 1024, message = "The current password is too long.")
          String currentPassword,
      String newPassword) {}

  @GET
  public MeView me() {
    SignedIn signedIn = currentUser.get();
    return MeView.of(accounts.get(signedIn.userId()), signedIn.csrfToken());
  }

  @PATCH
  public MeView change(Changes changes) {
    SignedIn signedIn = currentUser.get();
    User user = settings.change(signedIn.userId(), changes);
    return MeView.of(user, signedIn.csrfToken());
  }

  @POST
  @Path("password")
  public Response changePassword(@Valid PasswordChange change) {
    SignedIn signedIn = currentUser.get();
    String newPassword = Passwords.acceptable(change.newPassword());
    User user = accounts.get(signedIn.userId());
    if (!hasher.matches(change.currentPassword(), user.passwordHash())) {
      throw ApiException.invalid("The current password is wrong.");
    }

    accounts.replacePasswordHash(user.id(), hasher.hash(newPassword));
    int ended = sessions.endAllOf(user.id(), signedIn.sessionId());
    SecurityLog.passwordChanged(user.email(), ended);
    return Response.noContent().build();
  }
}
