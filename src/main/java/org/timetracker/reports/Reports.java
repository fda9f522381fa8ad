package org.timetracker.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.timetracker.entries.Timesheet;
import org.timetracker.platform.Rows;
import org.timetracker.platform.SqlValues;
import org.timetracker.platform.web.DateRange;

/**
 * Sums finished entries in PostgreSQL. Each entry counts on the local date it starts, in the user's
 * time zone; amounts are billable hours times the project's rate, rounded to cents per group and
 * for the total.
 */
@ApplicationScoped
@Transactional
public class Reports {
  /** The user's projects, for names and rates. */
  private static final String PROJECTS =
      "with p as (select id, name, hourly_rate from projects where user_id = :user) ";

  /**
   * The sums every group needs, from the totals per local day and project that the database keeps
   * (migrations V2 and V3): a year of days is a few hundred rows, however many entries it holds.
   * Intervals are added up before they are turned into seconds; the amount is the sum of billable
   * seconds times each project's rate, kept exactly (numeric) until it is rounded.
   */
  private static final String DAY_SUMS =
      "extract(epoch from sum(t.total))::bigint, extract(epoch from sum(t.billable))::bigint,"
          + " sum(t.billable_rated) / 3600";

  private static final String DAYS =
      " from entry_day_totals t where t.user_id = :user and t.day between :first and :last";

  /**
   * The same sums over the finished entries themselves, for groupings the day totals do not keep
   * (tags). Only columns of entries_user_start_idx are read, so PostgreSQL can sum from the index.
   */
  private static final String ENTRY_SUMS =
      "extract(epoch from sum(e.end_at - e.start_at))::bigint,"
          + " extract(epoch from sum(e.end_at - e.start_at) filter (where e.billable))::bigint,"
          + " sum(extract(epoch from e.end_at - e.start_at) * p.hourly_rate)"
          + " filter (where e.billable) / 3600";

  private static final String ENTRIES =
      " from entries e left join p on p.id = e.project_id"
          + " where e.user_id = :user and e.start_at >= :from and e.start_at < :to"
          + " and e.end_at is not null";

  @Inject Rows database;

  public Summary summary(long userId, ZoneId zone, String currency, DateRange range, GroupBy by) {
    List<Object[]> rows = query(groupsSql(by), userId, zone, range);
    List<Summary.Group> groups =
        switch (by) {
          case DAY, WEEK -> calendar(rows, range, by);
          case PROJECT, TAG -> rows.stream().map(row -> group(row, by)).toList();
        };

    // Every entry lies in exactly one day, week or project group; tags may count it twice.
    Object[] total =
        by == GroupBy.TAG
            ? query(PROJECTS + "select " + ENTRY_SUMS + ENTRIES, userId, zone, range).get(0)
            : sumOf(rows);
    return new Summary(
        range.from(),
        range.to(),
        by.jsonName(),
        currency,
        seconds(total[0]),
        seconds(total[1]),
        money(total[2]),
        groups);
  }

  /** Adds up the unrounded group sums, so the total is rounded once. */
  private static Object[] sumOf(List<Object[]> rows) {
    long seconds = 0;
    long billable = 0;
    BigDecimal amount = BigDecimal.ZERO;
    for (Object[] row : rows) {
      seconds += seconds(row[2]);
      billable += seconds(row[3]);
      amount = amount.add(decimal(row[4]));
    }
    return new Object[] {seconds, billable, amount};
  }

  private static String groupsSql(GroupBy by) {
    return switch (by) {
      case DAY -> "select t.day, null, " + DAY_SUMS + DAYS + " group by t.day order by t.day";
      case WEEK ->
          "select date_trunc('week', t.day::timestamp)::date as week, null, "
              + DAY_SUMS
              + DAYS
              + " group by week order by week";
      case PROJECT ->
          PROJECTS
              + "select t.project_id::text, max(p.name) as name, "
              + DAY_SUMS
              + DAYS.replace(" where", " left join p on p.id = t.project_id where")
              + " group by t.project_id order by name nulls last";
      case TAG ->
          PROJECTS
              + "select tag, tag, "
              + ENTRY_SUMS
              + ENTRIES.replace(" where", " left join lateral unnest(e.tags) as tag on true where")
              + " group by tag order by tag nulls last";
    };
  }

  private List<Object[]> query(String select, long userId, ZoneId zone, DateRange range) {
    // The day totals are kept in the user's time zone; entries are found by instants in it.
    Map<String, Object> values =
        select.contains(":first")
            ? Map.of("user", userId, "first", range.from(), "last", range.to())
            : Map.of("user", userId, "from", range.startIn(zone), "to", range.endIn(zone));
    return database.select(select, values);
  }

  /** Every day (or every week's Monday) of the range, with zeros where nothing was booked. */
  private static List<Summary.Group> calendar(List<Object[]> rows, DateRange range, GroupBy by) {
    Map<LocalDate, Object[]> booked = new LinkedHashMap<>();
    rows.forEach(row -> booked.put(SqlValues.date(row[0]), row));

    List<Summary.Group> groups = new ArrayList<>();
    LocalDate first = by == GroupBy.WEEK ? Timesheet.weekOf(range.from()) : range.from();
    int step = by == GroupBy.WEEK ? 7 : 1;
    for (LocalDate day = first; !day.isAfter(range.to()); day = day.plusDays(step)) {
      Object[] row = booked.get(day);
      groups.add(
          row == null
              ? new Summary.Group(day.toString(), day.toString(), 0, 0, BigDecimal.ZERO.setScale(2))
              : new Summary.Group(
                  day.toString(), day.toString(), seconds(row[2]), seconds(row[3]), money(row[4])));
    }
    return groups;
  }

  private static Summary.Group group(Object[] row, GroupBy by) {
    String key = (String) row[0];
    String label;
    if (key == null) {
      label = by == GroupBy.PROJECT ? "No project" : "No tag";
    } else {
      label = (String) row[1];
    }
    return new Summary.Group(key, label, seconds(row[2]), seconds(row[3]), money(row[4]));
  }

  private static long seconds(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  static BigDecimal money(Object value) {
    return decimal(value).setScale(2, RoundingMode.HALF_UP);
  }

  /** A sum as the driver gives it (numeric: BigDecimal), without a round trip through text. */
  private static BigDecimal decimal(Object value) {
    return switch (value) {
      case null -> BigDecimal.ZERO;
      case BigDecimal decimal -> decimal;
      default -> new BigDecimal(value.toString());
    };
  }
}
