package org.timetracker.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpHeaders;
import java.util.List;

/** What the API answered: status, headers and the body as text or JSON. */
public record ApiResponse(int status, HttpHeaders headers, String body) {

  public JsonObject json() {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    }
  }

  public JsonArray array() {
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.readArray();
    }
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public List<String> headerValues(String name) {
    return headers.allValues(name);
  }

  public long id() {
    return json().getJsonNumber("id").longValue();
  }

  /** The error code of an error answer. */
  public String error() {
    return json().getString("error");
  }

  @Override
  public String toString() {
    return status + " " + body;
  }
}
