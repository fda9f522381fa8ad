package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.timetracker.auth.CurrentUser;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.platform.web.DateRange;

/** The week timesheet: read the grid, set one cell. */
@Path("timesheet")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TimesheetResource {
  private static final long MAX_CELL_SECONDS = 24 * 3600;

  @Inject CurrentUser currentUser;
  @Inject Timesheet timesheet;

  public record Cell(LocalDate date, Long projectId, Long seconds) {}

  @GET
  public Timesheet.Week week(@QueryParam("week") String week) {
    LocalDate day = week == null ? LocalDate.now(currentUser.zone()) : DateRange.date("week", week);
    return timesheet.week(currentUser.id(), currentUser.zone(), day);
  }

  @PUT
  @Path("cell")
  public Timesheet.Week setCell(Cell cell) {
    if (cell.date() == null) {
      throw ApiException.invalid("Say which day: 'date' such as 2026-12-03.");
    }
    if (cell.seconds() == null || cell.seconds() < 0 || cell.seconds() > MAX_CELL_SECONDS) {
      throw ApiException.invalid("A day holds 0 to 24 hours ('seconds' from 0 to 86400).");
    }
    return timesheet.setCell(
        currentUser.id(), currentUser.zone(), cell.date(), cell.projectId(), cell.seconds());
  }
}
