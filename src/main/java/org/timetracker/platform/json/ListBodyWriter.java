package org.timetracker.platform.json;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/** Writes lists of our answer records as JSON arrays: see {@link JsonOutput}. */
@Provider
@Priority(1)
@Produces(MediaType.APPLICATION_JSON)
@SuppressWarnings("rawtypes")
public class ListBodyWriter implements MessageBodyWriter<List> {

  @Override
  public boolean isWriteable(Class<?> type, Type generic, Annotation[] a, MediaType media) {
    return List.class.isAssignableFrom(type)
        && generic instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()
        && element.getPackageName().startsWith("org.timetracker");
  }

  @Override
  public void writeTo(
      List value,
      Class<?> type,
      Type generic,
      Annotation[] annotations,
      MediaType media,
      MultivaluedMap<String, Object> headers,
      OutputStream out) {
    JsonOutput.write(value, out);
  }
}
