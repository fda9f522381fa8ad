package org.timetracker.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/** Projects with their clients and rates, and reports of the time tracked on them. */
class ProjectsAndReportsIT extends BrowserTest {
  private static final String CSV_HEADER =
      "date,start,end,duration_hours,project,client,description,tags,"
          + "billable,hourly_rate,amount,currency";

  @Test
  void createdProjectIsListedWithClientAndRateAndCanBeArchived() throws Exception {
    Person grace = newMember("Grace Projects");
    signIn(grace);
    browser().click(browser().page(), "Projects");
    browser().waitFor(By.xpath("//*[normalize-space()='No projects yet']"));
    var form = browser().waitFor(By.cssSelector("form[aria-label='New project']"));

    browser().type(form, "Name", "Website relaunch");
    browser().type(form, "Client", "ACME");
    browser().type(form, "Hourly rate", "85");
    browser().click(form, "Create project");

    WebElement row = projectRow("Website relaunch");
    assertTrue(row.getText().contains("ACME"), row.getText());
    assertTrue(row.getText().contains("€85.00"), row.getText());
    var stored = grace.api().get("/api/projects").asJsonArray().getJsonObject(0);
    assertEquals("ACME", stored.getString("client"));
    assertEquals(85.0, stored.getJsonNumber("hourlyRate").doubleValue());
    assertTrue(stored.getBoolean("billable"));
    browser().screenshot("projects");
    browser().phoneScreenshot("projects");

    browser().click(row, "Archive Website relaunch");
    browser().waitFor(By.xpath("//*[normalize-space()='No projects yet']"));
    browser().field(browser().page(), "Show archived projects").click();
    row = projectRow("Website relaunch");
    assertTrue(row.getText().contains("archived"), row.getText());
  }

  @Test
  void reportTotalsTheWeekAndDownloadsItsEntriesAsCsv() throws Exception {
    Person ada = newMember("Ada Reports");
    long projectId = createProject(ada, "Website relaunch", 50.0);
    createEntry(
        ada,
        "Design review",
        LocalTime.of(9, 0),
        LocalTime.of(11, 0),
        projectId,
        List.of("meeting"));
    createEntry(ada, "Answer email", LocalTime.of(13, 0), LocalTime.of(13, 30), null, List.of());
    signIn(ada);

    browser().click(browser().page(), "Reports");

    browser().waitFor(By.cssSelector(".stats"));
    assertEquals(List.of("2:30", "2:00", "€100.00"), texts(By.cssSelector(".stat-value")));
    browser().until(d -> d.findElements(By.cssSelector("svg.chart rect.bar")).size() == 7);
    assertEquals(
        List.of("Website relaunch", "2:00", "€100.00"), cells("By project", "Website relaunch"));
    assertEquals(List.of("No project", "0:30", "–"), cells("By project", "No project"));
    assertEquals(List.of("meeting", "2:00", "€100.00"), cells("By tag", "meeting"));
    browser().screenshot("reports");
    browser().phoneScreenshot("reports");

    browser().click(browser().page(), "Last week");
    browser().waitFor(By.xpath("//*[normalize-space()='No time tracked in this range']"));
    assertEquals("reports?range=last-week", browser().route());

    browser().click(browser().page(), "This week");
    browser().waitFor(By.cssSelector(".stats"));
    browser().clearDownloads();
    browser().click(browser().page(), "Download CSV");
    var lines = Files.readAllLines(browser().awaitDownload(".csv"), StandardCharsets.UTF_8);
    assertEquals(CSV_HEADER, lines.get(0).replace("\uFEFF", ""));
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.contains("Design review") && l.contains("Website relaunch")),
        lines.toString());
  }

  @Test
  void customRangeReportsOnlyItsDays() {
    Person alan = newMember("Alan Custom");
    createEntry(alan, "Today's work", LocalTime.of(10, 0), LocalTime.of(11, 0), null, List.of());
    LocalDate today = LocalDate.now(ZONE);
    signIn(alan);
    browser().click(browser().page(), "Reports");
    browser().click(browser().page(), "Custom");
    var form = browser().waitFor(By.cssSelector("form[aria-label='Custom range']"));

    browser().typeDate(form, "From", today.minusDays(3));
    browser().typeDate(form, "To", today.minusDays(1));
    browser().click(form, "Show");

    browser().waitFor(By.xpath("//*[normalize-space()='No time tracked in this range']"));
    assertEquals(
        "reports?from=%s&to=%s".formatted(today.minusDays(3), today.minusDays(1)),
        browser().route());
    browser().typeDate(form, "To", today);
    browser().click(form, "Show");
    browser().waitFor(By.cssSelector(".stats"));
    assertEquals("1:00", texts(By.cssSelector(".stat-value")).get(0));
  }

  private WebElement projectRow(String name) {
    String nameCell = "*[contains(@class,'name-cell')][starts-with(normalize-space(), '%s')]";
    return browser()
        .waitFor(By.xpath(("//tr[@data-project-id][.//" + nameCell + "]").formatted(name)));
  }

  /** The cells of the row that names a group in one of the report's panels. */
  private List<String> cells(String panel, String group) {
    var row =
        browser()
            .waitFor(
                By.xpath(
                    "//section[@aria-label='%s']//tr[td[normalize-space()='%s']]"
                        .formatted(panel, group)));
    return texts(row, By.tagName("td"));
  }

  private List<String> texts(By locator) {
    return texts(browser().page(), locator);
  }

  private static List<String> texts(SearchContext scope, By locator) {
    return scope.findElements(locator).stream().map(WebElement::getText).toList();
  }
}
