package org.timetracker.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvExportTest {
  @Test
  void plainTextStaysAsItIs() {
    assertEquals("Design review", CsvExport.field("Design review"));
    assertEquals("", CsvExport.field(null));
  }

  @Test
  void commasQuotesAndLineBreaksAreQuoted() {
    assertEquals("\"a,b\"", CsvExport.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", CsvExport.field("say \"hi\""));
    assertEquals("\"one\r\ntwo\"", CsvExport.field("one\r\ntwo"));
  }

  @Test
  void formulasAreDefused() {
    assertEquals("'=1+1", CsvExport.field("=1+1"));
    assertEquals("'+49 30", CsvExport.field("+49 30"));
    assertEquals("'-x", CsvExport.field("-x"));
    assertEquals("'@SUM(A1)", CsvExport.field("@SUM(A1)"));
    assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", CsvExport.field("=HYPERLINK(\"x\")"));
  }
}
