package org.timetracker.projects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import org.timetracker.auth.CurrentUser;
import org.timetracker.platform.errors.ApiException;

/** The signed-in user's projects. */
@Path("projects")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectsResource {
  @Inject CurrentUser currentUser;
  @Inject Projects projects;

  @GET
  public List<ProjectView> list(@QueryParam("archived") String archived) {
    return projects.of(currentUser.id(), filter(archived)).stream().map(ProjectView::of).toList();
  }

  @POST
  public Response create(@Valid @NotNull ProjectInput input) {
    Project created = projects.create(currentUser.id(), input);
    return Response.status(Status.CREATED).entity(ProjectView.of(created)).build();
  }

  @PATCH
  @Path("{id}")
  public ProjectView change(@PathParam("id") long id, JsonObject patch) {
    return ProjectView.of(projects.change(currentUser.id(), id, patch));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") long id) {
    projects.delete(currentUser.id(), id);
    return Response.noContent().build();
  }

  private static Projects.Filter filter(String archived) {
    return switch (archived == null ? "false" : archived) {
      case "false" -> Projects.Filter.ACTIVE;
      case "true" -> Projects.Filter.ARCHIVED;
      case "all" -> Projects.Filter.ALL;
      default -> throw ApiException.badRequest("archived must be true, false or all.");
    };
  }
}
