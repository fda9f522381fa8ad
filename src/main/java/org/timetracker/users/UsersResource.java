package org.timetracker.users;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.timetracker.auth.CurrentUser;
import org.timetracker.auth.PasswordHasher;
import org.timetracker.auth.Passwords;
import org.timetracker.auth.SecurityLog;

/** The team's accounts, managed by admins. */
@Path("users")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {
  @Inject CurrentUser currentUser;
  @Inject Accounts accounts;
  @Inject UserAdministration administration;
  @Inject PasswordHasher hasher;

  public record NewUser(
      String email, String name, String password, Role role, String timeZone, String currency) {}

  public record UserChanges(String name, Role role, Boolean active, String password) {}

  @GET
  public List<UserView> list() {
    currentUser.requireAdmin();
    return accounts.all().stream().map(UserView::of).toList();
  }

  @POST
  public Response create(NewUser user) {
    currentUser.requireAdmin();
    String email = AccountFields.email(user.email());
    String name = AccountFields.name(user.name());
    var zone = AccountFields.zone(user.timeZone() == null ? "UTC" : user.timeZone());
    String currency = AccountFields.currency(user.currency() == null ? "EUR" : user.currency());
    Role role = user.role() == null ? Role.MEMBER : user.role();
    String hash = hasher.hash(Passwords.acceptable(user.password()));

    User created = accounts.create(email, name, zone, currency, role, hash);
    SecurityLog.userCreated(currentUser.get().email(), created.email(), role.jsonName());
    return Response.status(Status.CREATED).entity(UserView.of(created)).build();
  }

  @PATCH
  @Path("{id}")
  public UserView change(@PathParam("id") long id, UserChanges changes) {
    currentUser.requireAdmin();
    String hash =
        changes.password() == null ? null : hasher.hash(Passwords.acceptable(changes.password()));
    return UserView.of(administration.change(currentUser.get(), id, changes, hash));
  }
}
