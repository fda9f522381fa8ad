package org.timetracker.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Tracking time on the Track screen and in the week timesheet. */
class TrackingIT extends BrowserTest {

  @Test
  void timerTicksSurvivesReloadAndStopsIntoTodaysEntries() throws Exception {
    Person ada = newMember("Ada Timer");
    createProject(ada, "Analytical Engine", 80.0);
    signIn(ada);
    var timer = browser().waitFor(By.cssSelector("form.timer-bar"));

    browser().type(timer, "Description", "Write the release notes");
    new Select(browser().field(timer, "Project")).selectByVisibleText("Analytical Engine · ACME");
    browser().click(timer, "Start");

    browser().button(timer, "Stop");
    browser().until(d -> !"0:00:00".equals(elapsed()) && !"".equals(elapsed()));
    assertTrue(browser().title().contains("Write the release notes"), browser().title());
    assertTrue(browser().title().matches("\\d+:\\d\\d:\\d\\d .*"), browser().title());
    browser().screenshot("track-running");

    browser().reload();
    timer = browser().waitFor(By.cssSelector("form.timer-bar.running"));
    assertEquals(
        "Write the release notes", browser().field(timer, "Description").getDomProperty("value"));
    browser().click(timer, "Stop");

    WebElement entry = entryRow("Write the release notes");
    assertTrue(entry.getText().contains("Analytical Engine"), entry.getText());
    assertEquals(204, ada.api().status("GET", "/api/timer"));
    browser().until(d -> !browser().title().contains("Write the release notes"));
  }

  @Test
  void forgottenTimeAddedByHandLandsOnItsDayInTheUsersZone() throws Exception {
    Person grace = newMember("Grace Manual");
    signIn(grace);
    browser().click(browser().page(), "Add time you forgot");
    var form = browser().waitFor(By.cssSelector("form.manual-entry-form"));

    browser().type(form, "Description", "Fix the compiler");
    browser().type(form, "Start", "1300");
    browser().type(form, "End", "14:30");
    browser().click(form, "Add entry");

    WebElement entry = entryRow("Fix the compiler");
    assertTrue(entry.getText().contains("13:00 – 14:30"), entry.getText());
    assertTrue(entry.getText().contains("1:30"), entry.getText());
    JsonObject stored = onlyEntry(grace);
    LocalDate today = LocalDate.now(ZONE);
    assertEquals(
        today.atTime(13, 0).atZone(ZONE).toInstant(), Instant.parse(stored.getString("start")));
    browser().screenshot("track");
    browser().phoneScreenshot("track");
  }

  @Test
  void editingAnEntryInPlaceChangesItsDescriptionAndEnd() throws Exception {
    Person alan = newMember("Alan Edit");
    createEntry(alan, "Draft the plan", LocalTime.of(9, 0), LocalTime.of(10, 0), null, List.of());
    signIn(alan);

    WebElement entry = entryRow("Draft the plan");
    browser().click(entry, "Edit Draft the plan");
    var editor = browser().waitFor(By.cssSelector("form.entry-editor"));
    browser().type(editor, "Description", "Plan the sprint");
    browser().type(editor, "End", "10:45");
    browser().screenshot("track-editing");
    browser().click(editor, "Save");

    entry = entryRow("Plan the sprint");
    assertTrue(entry.getText().contains("1:45"), entry.getText());
    JsonObject stored = onlyEntry(alan);
    assertEquals("Plan the sprint", stored.getString("description"));
    assertEquals(6300, stored.getInt("durationSeconds"));
  }

  @Test
  void deletingAnEntryAsksFirstThenRemovesIt() {
    Person edsger = newMember("Edsger Delete");
    createEntry(
        edsger, "Goto considered", LocalTime.of(8, 0), LocalTime.of(8, 30), null, List.of());
    signIn(edsger);

    browser().click(entryRow("Goto considered"), "Delete Goto considered");
    browser().click(entryRow("Goto considered"), "Delete");

    browser().waitFor(By.xpath("//*[normalize-space()='No time tracked this week yet']"));
    assertEquals(0, entries(edsger).size());
  }

  @Test
  void continuingAnEntryStartsTheTimerWithItsDetails() {
    Person barbara = newMember("Barbara Continue");
    long projectId = createProject(barbara, "CLU", 80.0);
    createEntry(
        barbara,
        "Abstract data types",
        LocalTime.of(7, 0),
        LocalTime.of(7, 45),
        projectId,
        List.of());
    signIn(barbara);

    browser().click(entryRow("Abstract data types"), "Continue Abstract data types");

    var timer = browser().waitFor(By.cssSelector("form.timer-bar.running"));
    assertEquals(
        "Abstract data types", browser().field(timer, "Description").getDomProperty("value"));
    JsonObject running = barbara.api().get("/api/timer").asJsonObject();
    assertEquals(projectId, running.getJsonNumber("projectId").longValue());
    browser().click(timer, "Stop");
    browser().waitFor(By.cssSelector("form.timer-bar:not(.running)"));
  }

  @Test
  void hoursTypedIntoTheWeekGridAreStored() throws Exception {
    Person katherine = newMember("Katherine Grid");
    long projectId = createProject(katherine, "Orbit maths", 80.0);
    signIn(katherine);
    browser().click(browser().page(), "Timesheet");
    browser().waitFor(By.xpath("//*[normalize-space()='No time on the timesheet this week']"));

    browser().click(browser().page(), "Add row");
    LocalDate monday = LocalDate.now(ZONE).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    String cell =
        "Orbit maths, " + monday.format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.UK));
    WebElement hours = browser().waitFor(By.cssSelector("input[aria-label='" + cell + "']"));
    hours.sendKeys("1:30", Keys.TAB);

    var row = browser().waitFor(By.cssSelector("tr[data-project-id='" + projectId + "']"));
    browser().until(d -> "1:30".equals(row.findElement(By.cssSelector(".row-total")).getText()));
    assertEquals(5400, mondaySeconds(katherine, monday));
    browser().screenshot("timesheet");
    browser().phoneScreenshot("timesheet");

    browser().reload();
    hours = browser().waitFor(By.cssSelector("input[aria-label='" + cell + "']"));
    assertEquals("1:30", hours.getDomProperty("value"));
    hours.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.5", Keys.ENTER);
    browser().until(d -> mondaySeconds(katherine, monday) == 1800);
  }

  private static int mondaySeconds(Person person, LocalDate monday) {
    var sheet = person.api().get("/api/timesheet?week=" + monday).asJsonObject();
    return sheet.getJsonArray("totals").getInt(0);
  }

  private String elapsed() {
    return browser().find(By.cssSelector(".timer-elapsed")).getText();
  }

  private WebElement entryRow(String description) {
    String text = "*[contains(@class,'entry-description')][normalize-space()='%s']";
    return browser()
        .waitFor(By.xpath(("//li[@data-entry-id][.//" + text + "]").formatted(description)));
  }

  private JsonObject onlyEntry(Person person) {
    var items = entries(person);
    assertEquals(1, items.size(), items.toString());
    return items.getJsonObject(0);
  }

  /** The person's entries of the fortnight around today, which all tests here stay within. */
  private static JsonArray entries(Person person) {
    LocalDate today = LocalDate.now(ZONE);
    String range = "?from=" + today.minusDays(7) + "&to=" + today.plusDays(7);
    return person.api().get("/api/entries" + range).asJsonObject().getJsonArray("items");
  }
}
