package org.timetracker.platform.json;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.timetracker.platform.errors.ApiException;

/**
 * Turns a JSON object into one of our input records, field by field, so that a wrong type or an
 * unknown field gets a message that names the field and says what was expected.
 *
 * <p>Absent fields and JSON {@code null} both become {@code null}; Bean Validation on the record
 * decides which fields are required.
 */
public final class JsonRecords {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  private JsonRecords() {}

  public static <R extends Record> R read(JsonObject json, Class<R> type) {
    RecordComponent[] components = type.getRecordComponents();
    rejectUnknownFields(json, components);

    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      JsonValue value = json.get(c.getName());
      values[i] = value == null ? null : convert(c.getName(), value, c.getGenericType());
    }
    return construct(type, components, values);
  }

  /** The reverse of {@link #read}: a record of the supported types as a JSON object. */
  public static JsonObject write(Record record) {
    JsonObjectBuilder json = JSON.createObjectBuilder();
    for (RecordComponent c : record.getClass().getRecordComponents()) {
      json.add(c.getName(), toJson(valueOf(record, c)));
    }
    return json.build();
  }

  private static Object valueOf(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + component.getName(), e);
    }
  }

  private static JsonValue toJson(Object value) {
    return switch (value) {
      case null -> JsonValue.NULL;
      case String text -> JSON.createValue(text);
      case Long number -> JSON.createValue(number);
      case Integer number -> JSON.createValue(number);
      case BigDecimal number -> JSON.createValue(number);
      case Boolean flag -> flag ? JsonValue.TRUE : JsonValue.FALSE;
      case Enum<?> constant -> JSON.createValue(constant.name().toLowerCase(Locale.ROOT));
      case List<?> list -> {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        list.forEach(item -> array.add(toJson(item)));
        yield array.build();
      }
      default -> JSON.createValue(value.toString());
    };
  }

  private static void rejectUnknownFields(JsonObject json, RecordComponent[] components) {
    Set<String> known =
        Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
    for (String field : json.keySet()) {
      if (!known.contains(field)) {
        throw ApiException.badRequest(
            "Unknown field '"
                + printable(field)
                + "'. Known fields: "
                + String.join(", ", known)
                + ".");
      }
    }
  }

  private static Object convert(String field, JsonValue value, Type type) {
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
      return convertList(field, value, list.getActualTypeArguments()[0]);
    }
    Class<?> target = (Class<?>) type;
    try {
      if (target == String.class) {
        return text(value);
      } else if (target == Long.class || target == long.class) {
        return number(value).longValueExact();
      } else if (target == Integer.class || target == int.class) {
        return number(value).intValueExact();
      } else if (target == BigDecimal.class) {
        return number(value).bigDecimalValue();
      } else if (target == Boolean.class || target == boolean.class) {
        return bool(value);
      } else if (target == Instant.class) {
        return instant(text(value));
      } else if (target == LocalDate.class) {
        return date(text(value));
      } else if (target.isEnum()) {
        return enumValue(target, text(value));
      }
    } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException e) {
      throw ApiException.badRequest("Field '" + field + "' must be " + expected(target) + ".");
    }
    throw new IllegalStateException("No JSON conversion for " + type);
  }

  private static List<String> convertList(String field, JsonValue value, Type element) {
    if (value.getValueType() != JsonValue.ValueType.ARRAY || element != String.class) {
      throw ApiException.badRequest("Field '" + field + "' must be a list of texts.");
    }
    List<String> result = new ArrayList<>();
    for (JsonValue item : value.asJsonArray()) {
      if (item.getValueType() != JsonValue.ValueType.STRING) {
        throw ApiException.badRequest("Field '" + field + "' must be a list of texts.");
      }
      result.add(checkedText(field, ((JsonString) item).getString()));
    }
    return result;
  }

  private static String text(JsonValue value) {
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new IllegalArgumentException("not a string");
    }
    String text = ((JsonString) value).getString();
    if (!wellFormed(text)) {
      throw new IllegalArgumentException("not storable text");
    }
    return text;
  }

  private static String checkedText(String field, String text) {
    if (!wellFormed(text)) {
      throw ApiException.badRequest("Field '" + field + "' contains characters we cannot store.");
    }
    return text;
  }

  /** PostgreSQL stores neither NUL nor lone UTF-16 surrogates in text. */
  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static JsonNumber number(JsonValue value) {
    if (value.getValueType() != JsonValue.ValueType.NUMBER) {
      throw new IllegalArgumentException("not a number");
    }
    return (JsonNumber) value;
  }

  private static boolean bool(JsonValue value) {
    return switch (value.getValueType()) {
      case TRUE -> true;
      case FALSE -> false;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }

  /** Parses an ISO-8601 instant within the years we can store and display. */
  public static Instant instant(String text) {
    Instant instant = Instant.parse(text);
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new IllegalArgumentException("out of range");
    }
    return instant;
  }

  /** Parses an ISO-8601 local date within the years we can store and display. */
  public static LocalDate date(String text) {
    LocalDate date = LocalDate.parse(text);
    if (date.getYear() < 1970 || date.getYear() > 9999) {
      throw new IllegalArgumentException("out of range");
    }
    return date;
  }

  private static Object enumValue(Class<?> type, String text) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().toLowerCase(Locale.ROOT).equals(text)) {
        return constant;
      }
    }
    throw new IllegalArgumentException("unknown constant");
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a text";
    } else if (type == Long.class
        || type == long.class
        || type == Integer.class
        || type == int.class) {
      return "a whole number";
    } else if (type == BigDecimal.class) {
      return "a number";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (type == Instant.class) {
      return "a date and time in UTC between 1970 and 9999, such as 2026-12-03T09:00:00Z";
    } else if (type == LocalDate.class) {
      return "a date between 1970 and 9999, such as 2026-12-03";
    } else if (type.isEnum()) {
      return "one of "
          + Arrays.stream(type.getEnumConstants())
              .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
    }
    return "of another type";
  }

  private static <R extends Record> R construct(
      Class<R> type, RecordComponent[] components, Object[] values) {
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    for (int i = 0; i < values.length; i++) {
      if (values[i] == null && types[i].isPrimitive()) {
        throw ApiException.invalid("Field '" + components[i].getName() + "' is required.");
      }
    }
    try {
      Constructor<R> constructor = type.getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + type.getSimpleName(), e);
    }
  }

  private static String printable(String field) {
    String cut = field.length() > 40 ? field.substring(0, 40) + "…" : field;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
