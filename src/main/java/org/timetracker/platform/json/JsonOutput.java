package org.timetracker.platform.json;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes answers as JSON straight from our records: fields in declaration order, null fields kept,
 * instants and dates in ISO-8601. The accessors of each record type are looked up once.
 */
final class JsonOutput {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final Map<Class<?>, Field[]> FIELDS = new ConcurrentHashMap<>();

  private record Field(String name, MethodHandle accessor) {}

  private JsonOutput() {}

  static void write(Object value, OutputStream out) {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      value(json, value);
    }
  }

  private static void value(JsonGenerator json, Object value) {
    switch (value) {
      case null -> json.writeNull();
      case String text -> json.write(text);
      case Boolean flag -> json.write(flag);
      case Long number -> json.write(number);
      case Integer number -> json.write(number);
      case BigDecimal number -> json.write(number);
      case Record record -> object(json, record);
      case Collection<?> items -> {
        json.writeStartArray();
        items.forEach(item -> value(json, item));
        json.writeEnd();
      }
      case long[] numbers -> {
        json.writeStartArray();
        for (long number : numbers) {
          json.write(number);
        }
        json.writeEnd();
      }
      case Enum<?> constant -> json.write(constant.name().toLowerCase(java.util.Locale.ROOT));
      default -> json.write(value.toString());
    }
  }

  private static void object(JsonGenerator json, Record record) {
    json.writeStartObject();
    for (Field field : FIELDS.computeIfAbsent(record.getClass(), JsonOutput::fieldsOf)) {
      json.writeKey(field.name());
      value(json, read(field, record));
    }
    json.writeEnd();
  }

  private static Object read(Field field, Record record) {
    try {
      return field.accessor().invoke(record);
    } catch (Throwable e) {
      throw new IllegalStateException("Cannot read " + field.name() + " of " + record, e);
    }
  }

  private static Field[] fieldsOf(Class<?> type) {
    RecordComponent[] components = type.getRecordComponents();
    Field[] fields = new Field[components.length];
    for (int i = 0; i < components.length; i++) {
      try {
        var method = components[i].getAccessor();
        // Nested answer records may live in classes this package cannot otherwise reach.
        method.setAccessible(true);
        MethodHandle accessor = MethodHandles.lookup().unreflect(method);
        fields[i] = new Field(components[i].getName(), accessor);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot access " + components[i], e);
      }
    }
    return fields;
  }
}
