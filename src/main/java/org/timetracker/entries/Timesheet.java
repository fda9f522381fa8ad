package org.timetracker.entries;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.timetracker.platform.SqlValues;
import org.timetracker.platform.errors.ApiException;
import org.timetracker.projects.Project;
import org.timetracker.projects.Projects;

/**
 * The week as a grid of projects by days. Setting a cell to a total adds an entry for the missing
 * time or trims the cell's latest entries, so the grid never invents a second truth.
 */
@ApplicationScoped
@Transactional
public class Timesheet {
  static final String ADJUSTMENT = "Timesheet";
  private static final LocalTime ADJUSTMENT_START = LocalTime.of(9, 0);

  @PersistenceContext EntityManager em;
  @Inject Projects projects;
  @Inject Timer timer;
  @Inject Entries entries;

  /** One project's seconds on each day of the week, Monday first. */
  public record Row(Long projectId, long[] seconds) {}

  public record Week(LocalDate weekStart, List<LocalDate> days, List<Row> rows, long[] totals) {}

  public static LocalDate weekOf(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  public Week week(long userId, ZoneId zone, LocalDate anyDay) {
    LocalDate monday = weekOf(anyDay);
    List<Object[]> cells =
        em.createNativeQuery(
                "select project_id, (start_at at time zone ?1)::date,"
                    + " sum(extract(epoch from end_at - start_at))::bigint from entries"
                    + " where user_id = ?2 and start_at >= ?3 and start_at < ?4"
                    + " and end_at is not null group by 1, 2",
                Object[].class)
            .setParameter(1, zone.getId())
            .setParameter(2, userId)
            .setParameter(3, monday.atStartOfDay(zone).toInstant())
            .setParameter(4, monday.plusDays(7).atStartOfDay(zone).toInstant())
            .getResultList();
    return assemble(monday, cells);
  }

  /** Makes the finished entries of one project on one day add up to {@code seconds}. */
  public Week setCell(long userId, ZoneId zone, LocalDate date, Long projectId, long seconds) {
    Project project = projectId == null ? null : projects.owned(userId, projectId);
    timer.lockTimerOf(userId);
    List<Entry> cell = cellEntries(userId, zone, date, projectId);
    long current = cell.stream().mapToLong(e -> e.seconds(Instant.now())).sum();

    if (seconds > current) {
      add(userId, zone, date, project, cell, seconds - current);
    } else if (seconds < current) {
      trim(cell, current - seconds);
    }
    em.flush();
    return week(userId, zone, date);
  }

  private List<Entry> cellEntries(long userId, ZoneId zone, LocalDate date, Long projectId) {
    return em.createQuery(
            "select e from Entry e where e.userId = :user and e.end is not null"
                + " and e.start >= :from and e.start < :to"
                + " and (e.projectId = :project or (:project is null and e.projectId is null))"
                + " order by e.start desc, e.id desc",
            Entry.class)
        .setParameter("user", userId)
        .setParameter("from", date.atStartOfDay(zone).toInstant())
        .setParameter("to", date.plusDays(1).atStartOfDay(zone).toInstant())
        .setParameter("project", projectId)
        .getResultList();
  }

  /** Books the missing time right after the cell's last entry, or from 9:00 on an empty day. */
  private void add(
      long userId, ZoneId zone, LocalDate date, Project project, List<Entry> cell, long missing) {
    Instant start =
        cell.stream()
            .map(Entry::end)
            .max(Instant::compareTo)
            .orElse(date.atTime(ADJUSTMENT_START).atZone(zone).toInstant());
    Instant latestStart = date.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
    if (start.isAfter(latestStart)) {
      start = latestStart;
    }
    Entry entry = new Entry(userId, start, start.plusSeconds(missing));
    entry.describe(
        ADJUSTMENT,
        project == null ? null : project.id(),
        List.of(),
        project != null && project.billable());
    em.persist(entry);
  }

  /** Shortens or removes the latest entries first until {@code surplus} seconds are gone. */
  private void trim(List<Entry> cell, long surplus) {
    long left = surplus;
    for (Entry entry : cell) {
      long length = entry.seconds(Instant.now());
      if (length > left) {
        entry.stop(entry.end().minusSeconds(left));
        return;
      }
      em.remove(entry);
      left -= length;
      if (left == 0) {
        return;
      }
    }
  }

  private static Week assemble(LocalDate monday, List<Object[]> cells) {
    List<LocalDate> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      days.add(monday.plusDays(i));
    }
    Map<Long, long[]> byProject = new LinkedHashMap<>();
    long[] totals = new long[7];
    for (Object[] cell : cells) {
      Long project = cell[0] == null ? null : ((Number) cell[0]).longValue();
      int day = days.indexOf(SqlValues.date(cell[1]));
      long seconds = ((Number) cell[2]).longValue();
      if (day < 0) {
        throw ApiException.badRequest("Unexpected day in the timesheet query.");
      }
      byProject.computeIfAbsent(project, p -> new long[7])[day] += seconds;
      totals[day] += seconds;
    }
    List<Row> rows = new ArrayList<>();
    byProject.forEach((project, seconds) -> rows.add(new Row(project, seconds)));
    rows.sort((a, b) -> Objects.compare(a.projectId(), b.projectId(), Timesheet::nullsLast));
    return new Week(monday, days, rows, totals);
  }

  private static int nullsLast(Long a, Long b) {
    return a == null ? (b == null ? 0 : 1) : (b == null ? -1 : a.compareTo(b));
  }
}
