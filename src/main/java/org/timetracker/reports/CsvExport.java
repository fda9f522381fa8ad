package org.timetracker.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.timetracker.platform.SqlValues;
import org.timetracker.platform.web.DateRange;

/**
 * One CSV row per finished entry, RFC 4180: comma-separated, CRLF line ends, fields with a comma,
 * quote or line break in double quotes, quotes doubled. Text that a spreadsheet would run as a
 * formula (starting with = + - @) gets a leading apostrophe.
 */
@ApplicationScoped
@Transactional
public class CsvExport {
  static final String HEADER =
      "date,start,end,duration_hours,project,client,description,tags,billable,hourly_rate,amount,"
          + "currency";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  @PersistenceContext EntityManager em;

  public String export(long userId, ZoneId zone, String currency, DateRange range) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (Object[] row : rows(userId, zone, range)) {
      appendRow(csv, row, zone, currency);
    }
    return csv.toString();
  }

  @SuppressWarnings("unchecked")
  private List<Object[]> rows(long userId, ZoneId zone, DateRange range) {
    return em.createNativeQuery(
            "select e.start_at, e.end_at, p.name, p.client, e.description,"
                + " array_to_string(e.tags, '; '), e.billable, p.hourly_rate"
                + " from entries e left join projects p on p.id = e.project_id"
                + " where e.user_id = ?1 and e.start_at >= ?2 and e.start_at < ?3"
                + " and e.end_at is not null order by e.start_at, e.id")
        .setParameter(1, userId)
        .setParameter(2, range.startIn(zone))
        .setParameter(3, range.endIn(zone))
        .getResultList();
  }

  private static void appendRow(StringBuilder csv, Object[] row, ZoneId zone, String currency) {
    ZonedDateTime start = SqlValues.instant(row[0]).atZone(zone);
    ZonedDateTime end = SqlValues.instant(row[1]).atZone(zone);
    long seconds = Duration.between(start, end).toSeconds();
    BigDecimal hours =
        BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 4, RoundingMode.HALF_UP);
    boolean billable = (Boolean) row[6];
    BigDecimal rate = (BigDecimal) row[7];
    BigDecimal amount =
        billable && rate != null
            ? BigDecimal.valueOf(seconds)
                .multiply(rate)
                .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
            : BigDecimal.ZERO.setScale(2);

    csv.append(start.toLocalDate())
        .append(',')
        .append(start.format(TIME))
        .append(',')
        .append(end.format(TIME))
        .append(',')
        .append(hours.setScale(2, RoundingMode.HALF_UP).toPlainString())
        .append(',')
        .append(field((String) row[2]))
        .append(',')
        .append(field((String) row[3]))
        .append(',')
        .append(field((String) row[4]))
        .append(',')
        .append(field((String) row[5]))
        .append(',')
        .append(billable ? "yes" : "no")
        .append(',')
        .append(rate == null ? "" : rate.toPlainString())
        .append(',')
        .append(amount.toPlainString())
        .append(',')
        .append(currency)
        .append("\r\n");
  }

  /** Quotes a text field where RFC 4180 needs it and defuses spreadsheet formulas. */
  static String field(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    boolean quote =
        text.indexOf(',') >= 0
            || text.indexOf('"') >= 0
            || text.indexOf('\n') >= 0
            || text.indexOf('\r') >= 0;
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
