package org.timetracker.testing;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Collection;

/** Builds JSON request bodies from key-value pairs: {@code Json.of("name", "A", "rate", 5)}. */
public final class Json {
  private Json() {}

  public static String of(Object... keysAndValues) {
    JsonObjectBuilder object = jakarta.json.Json.createObjectBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      object.add((String) keysAndValues[i], value(keysAndValues[i + 1]));
    }
    return object.build().toString();
  }

  private static JsonValue value(Object value) {
    return switch (value) {
      case null -> JsonValue.NULL;
      case String text -> jakarta.json.Json.createValue(text);
      case Integer number -> jakarta.json.Json.createValue(number);
      case Long number -> jakarta.json.Json.createValue(number);
      case Double number -> jakarta.json.Json.createValue(number);
      case BigDecimal number -> jakarta.json.Json.createValue(number);
      case Boolean flag -> flag ? JsonValue.TRUE : JsonValue.FALSE;
      case JsonValue json -> json;
      case Collection<?> list -> {
        JsonArrayBuilder array = jakarta.json.Json.createArrayBuilder();
        list.forEach(item -> array.add(value(item)));
        yield array.build();
      }
      default -> jakarta.json.Json.createValue(value.toString());
    };
  }
}
