package org.timetracker.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.timetracker.auth.CurrentUser;
import org.timetracker.auth.SignedIn;
import org.timetracker.platform.web.DateRange;

/** Summaries and the CSV export of the signed-in user's time. */
@Path("reports")
@ApplicationScoped
public class ReportsResource {
  private static final int MAX_DAYS = 366;

  @Inject CurrentUser currentUser;
  @Inject Reports reports;
  @Inject CsvExport csv;

  @GET
  @Path("summary")
  @Produces(MediaType.APPLICATION_JSON)
  public Summary summary(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("groupBy") String groupBy) {
    DateRange range = DateRange.parse(from, to, MAX_DAYS);
    GroupBy by = GroupBy.parse(groupBy);
    SignedIn user = currentUser.get();
    return reports.summary(user.userId(), user.zone(), user.currency(), range, by);
  }

  @GET
  @Path("entries.csv")
  @Produces("text/csv; charset=UTF-8")
  public Response entries(@QueryParam("from") String from, @QueryParam("to") String to) {
    DateRange range = DateRange.parse(from, to, MAX_DAYS);
    SignedIn user = currentUser.get();
    String file = "timetracker-" + range.from() + "-to-" + range.to() + ".csv";
    return Response.ok(csv.export(user.userId(), user.zone(), user.currency(), range))
        .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
        .build();
  }
}
