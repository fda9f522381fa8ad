package org.timetracker.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.timetracker.platform.errors.ApiException;

class JsonRecordsTest {
  enum Colour {
    RED,
    DARK_BLUE
  }

  record Sample(
      String name,
      Long id,
      BigDecimal rate,
      Boolean flag,
      Instant at,
      List<String> tags,
      Colour colour) {}

  record Primitive(long count) {}

  @Test
  void readsEverySupportedType() throws IOException {
    Sample sample =
        JsonRecords.read(
            body(
                "{\"name\":\"A\",\"id\":7,\"rate\":1.25,\"flag\":true,"
                    + "\"at\":\"2026-12-03T09:00:00Z\",\"tags\":[\"x\"],\"colour\":\"dark_blue\"}"),
            Sample.class);

    assertEquals(
        new Sample(
            "A",
            7L,
            new BigDecimal("1.25"),
            true,
            Instant.parse("2026-12-03T09:00:00Z"),
            List.of("x"),
            Colour.DARK_BLUE),
        sample);
  }

  @Test
  void absentAndNullFieldsBecomeNull() throws IOException {
    Sample sample = JsonRecords.read(body("{\"name\":null}"), Sample.class);

    assertNull(sample.name());
    assertNull(sample.id());
  }

  @Test
  void aMissingPrimitiveIsRequired() throws IOException {
    ApiException e =
        assertThrows(ApiException.class, () -> JsonRecords.read(body("{}"), Primitive.class));

    assertEquals("Field 'count' is required.", e.getMessage());
  }

  @Test
  void errorsNameTheFieldAndWhatWasExpected() {
    assertEquals("Field 'id' must be a whole number.", message("{\"id\":\"7\"}"));
    assertEquals("Field 'id' must be a whole number.", message("{\"id\":7.5}"));
    assertEquals("Field 'id' must be a whole number.", message("{\"id\":1e30}"));
    assertEquals("Field 'colour' must be one of red, dark_blue.", message("{\"colour\":\"RED\"}"));
    assertTrue(message("{\"at\":\"1969-12-31T23:59:59Z\"}").contains("between 1970 and 9999"));
    assertTrue(message("{\"nme\":\"A\"}").startsWith("Unknown field 'nme'."));
    assertEquals("Field 'tags' must be a list of texts.", message("{\"tags\":[1]}"));
  }

  @Test
  void writingAndReadingAgainGivesTheSameRecord() throws IOException {
    Sample sample =
        new Sample(
            "B",
            3L,
            new BigDecimal("9.90"),
            false,
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of("a", "b"),
            Colour.RED);

    JsonObject written = JsonRecords.write(sample);

    assertEquals(sample, JsonRecords.read(written, Sample.class));
    assertEquals("red", written.getString("colour"));
  }

  @Test
  void bodiesAreObjectsOfValidUtf8AndNothingElse() {
    assertEquals(0, parse("").size());
    assertEquals(1, parse("{\"a\":1}").size());
    for (String bad : List.of("[]", "1", "{\"a\":1} x", "{\"a\":1}{}", "{", "{\"a\":}")) {
      assertThrows(ApiException.class, () -> parse(bad), bad);
    }
    ApiException tooLarge =
        assertThrows(
            ApiException.class,
            () -> JsonBody.read(new ByteArrayInputStream(new byte[JsonBody.MAX_BYTES + 1])));
    assertEquals("too_large", tooLarge.error());
  }

  private static JsonObject parse(String text) {
    try {
      return JsonBody.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String message(String json) {
    return assertThrows(ApiException.class, () -> JsonRecords.read(body(json), Sample.class))
        .getMessage();
  }

  private static JsonObject body(String json) throws IOException {
    try (var reader = Json.createReader(new java.io.StringReader(json))) {
      return reader.readObject();
    }
  }
}
