package org.timetracker.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Plain JDBC for the reads that run on nearly every request: signing in, the week's entries,
 * summaries. Hibernate works out the types of a native query's columns again at each execution (and
 * throws and catches an exception for some of them), which cost these requests more than the query
 * did. Only for reads that follow no unflushed change: nothing is flushed first.
 *
 * <p>Rows come back as arrays of what {@link SqlValues} reads: timestamptz as Instant, date as
 * LocalDate, text[] as String[], everything else as the driver gives it. The typed getters, not
 * {@code getObject(index, type)}: Payara's pool wraps the driver's result set and calls that one by
 * reflection, which on Java 21 took an eighth of a week listing's CPU time.
 */
@ApplicationScoped
public class Rows {
  /** ":name", but not the second colon of a cast ("::date"). */
  private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<!:):([a-z]+)");

  @Resource(lookup = Database.JNDI_NAME)
  DataSource dataSource;

  /** The rows of a query with positional parameters ("?"). */
  public List<Object[]> select(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        bind(statement, i + 1, parameters[i]);
      }
      try (ResultSet result = statement.executeQuery()) {
        return read(result);
      }
    } catch (SQLException e) {
      // Keeps the SQLState in the chain: the exception mapper answers 503 for a lost database.
      throw new PersistenceException("A read failed: " + e.getMessage(), e);
    }
  }

  /** The rows of a query with named parameters (":name"), each given in {@code values}. */
  public List<Object[]> select(String sql, Map<String, Object> values) {
    List<Object> parameters = new ArrayList<>();
    Matcher names = NAMED_PARAMETER.matcher(sql);
    StringBuilder positional = new StringBuilder();
    while (names.find()) {
      String name = names.group(1);
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("No value for :" + name);
      }
      parameters.add(values.get(name));
      names.appendReplacement(positional, "?");
    }
    names.appendTail(positional);
    return select(positional.toString(), parameters.toArray());
  }

  private static void bind(PreparedStatement statement, int index, Object value)
      throws SQLException {
    switch (value) {
      // The driver takes java.time values but Instant; UTC is what the columns hold anyway.
      case Instant instant -> statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
      case byte[] bytes -> statement.setBytes(index, bytes);
      default -> statement.setObject(index, value);
    }
  }

  private static List<Object[]> read(ResultSet result) throws SQLException {
    ResultSetMetaData columns = result.getMetaData();
    Column[] readers = new Column[columns.getColumnCount()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = reader(columns.getColumnTypeName(i + 1));
    }
    List<Object[]> rows = new ArrayList<>();
    while (result.next()) {
      Object[] row = new Object[readers.length];
      for (int i = 0; i < readers.length; i++) {
        row[i] = readers[i].read(result, i + 1);
      }
      rows.add(row);
    }
    return rows;
  }

  /** Reads one column of the current row. */
  private interface Column {
    Object read(ResultSet result, int index) throws SQLException;
  }

  /** How to read a column of a type, chosen once per query, not for every value. */
  private static Column reader(String type) {
    return switch (type) {
      case "timestamptz" ->
          (result, index) -> {
            Timestamp instant = result.getTimestamp(index);
            return instant == null ? null : instant.toInstant();
          };
      case "date" ->
          (result, index) -> {
            Date date = result.getDate(index);
            return date == null ? null : date.toLocalDate();
          };
      case "_text" ->
          (result, index) -> {
            Array array = result.getArray(index);
            return array == null ? null : array.getArray();
          };
      default -> ResultSet::getObject;
    };
  }
}
