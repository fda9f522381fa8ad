package org.timetracker.browser;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded. Finds
 * controls the way a person does, by their labels and the words on buttons.
 */
final class Browser implements AutoCloseable {
  private static final Dimension DESKTOP = new Dimension(1280, 900);
  private static final int PHONE_WIDTH = 390;
  private static final int PHONE_HEIGHT = 844;
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private final ChromeDriver driver;
  private final String origin;
  private final Path profile;
  private final Path downloads;
  private final Path screenshots;

  private Browser(
      ChromeDriver driver, String origin, Path profile, Path downloads, Path screenshots) {
    this.driver = driver;
    this.origin = origin;
    this.profile = profile;
    this.downloads = downloads;
    this.screenshots = screenshots;
  }

  /** Starts a browser with a fresh profile for the web UI at {@code origin}. */
  static Browser start(String origin, Path target) throws IOException {
    Path profile = Files.createTempDirectory("timetracker-chromium-");
    Path downloads = Files.createDirectories(target.resolve("browser-downloads"));
    Path screenshots = Files.createDirectories(target.resolve("screenshots"));

    var options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--hide-scrollbars",
        "--user-data-dir=" + profile,
        "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
        // Fixes the order in which a date field takes typed digits: month, day, year.
        "--lang=en-US");
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    var logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);

    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .withLogOutput(OutputStream.nullOutputStream())
            .build();
    return new Browser(new ChromeDriver(service, options), origin, profile, downloads, screenshots);
  }

  /** Opens a screen of the UI by its route, such as {@code "reports?range=last-week"}. */
  void open(String route) {
    driver.get(origin + "/#/" + route);
  }

  /** Loads the page again, as a person pressing F5. */
  void reload() {
    driver.navigate().refresh();
  }

  /** The route the page shows now, such as {@code "reports?range=last-week"}. */
  String route() {
    String url = driver.getCurrentUrl();
    int hash = url.indexOf("#/");
    return hash < 0 ? "" : url.substring(hash + 2);
  }

  String title() {
    return driver.getTitle();
  }

  /** Ends the session in this browser the hard way, as an expired cookie would. */
  void dropSessionCookie() {
    driver.manage().deleteCookieNamed("tt_session");
  }

  /** Starts the next test signed out, on a blank page. */
  void forgetSession() {
    driver.get(origin + "/favicon.svg");
    driver.manage().deleteAllCookies();
  }

  /** Waits until an element is shown and returns it. */
  WebElement waitFor(By locator) {
    return until(
        d ->
            d.findElements(locator).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
  }

  /** Waits until an element inside a scope is shown and returns it. */
  WebElement waitFor(SearchContext scope, By locator) {
    return until(
        d ->
            scope.findElements(locator).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElse(null));
  }

  /** Waits until no shown element matches. */
  void waitForNo(By locator) {
    until(d -> d.findElements(locator).stream().noneMatch(WebElement::isDisplayed) ? true : null);
  }

  /** Waits until a condition holds and returns what it returned. */
  <T> T until(ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, PATIENCE).until(condition);
  }

  /** The first shown element that matches, right now. */
  WebElement find(By locator) {
    return driver.findElement(locator);
  }

  List<WebElement> findAll(By locator) {
    return driver.findElements(locator);
  }

  /** The control that a label with these words belongs to, inside a scope. */
  WebElement field(SearchContext scope, String label) {
    WebElement labelElement =
        waitFor(scope, By.xpath(".//label[normalize-space()=" + quoted(label) + "]"));
    return driver.findElement(By.id(labelElement.getDomAttribute("for")));
  }

  /** Replaces the text in the control a label names. */
  WebElement type(SearchContext scope, String label, String text) {
    WebElement control = field(scope, label);
    control.clear();
    control.sendKeys(text);
    return control;
  }

  /** Types a date into a date field, in the order the browser's locale asks for. */
  void typeDate(SearchContext scope, String label, LocalDate date) {
    WebElement control = field(scope, label);
    control.sendKeys(
        "%02d%02d%04d".formatted(date.getMonthValue(), date.getDayOfMonth(), date.getYear()));
  }

  /** A button, a link or a disclosure's summary, by its words or its accessible name. */
  WebElement button(SearchContext scope, String name) {
    String quoted = quoted(name);
    return waitFor(
        scope,
        By.xpath(
            ".//*[self::button or self::a or self::summary][normalize-space()=%s or @aria-label=%s]"
                .formatted(quoted, quoted)));
  }

  void click(SearchContext scope, String name) {
    button(scope, name).click();
  }

  /** The whole page. */
  SearchContext page() {
    return driver;
  }

  /** Saves the whole page, as tall as it is, at desktop width. */
  void screenshot(String name) throws IOException {
    saveWholePage(name, DESKTOP.width, DESKTOP.height, false);
  }

  /** Saves the whole page as a phone shows it: narrow, with the mobile viewport. */
  void phoneScreenshot(String name) throws IOException {
    saveWholePage(name + "-phone", PHONE_WIDTH, PHONE_HEIGHT, true);
  }

  // The viewport is stretched to the height of the page, so the picture shows all of it.
  private void saveWholePage(String name, int width, int height, boolean mobile)
      throws IOException {
    emulate(width, height, mobile);
    try {
      long pageHeight = (Long) driver.executeScript("return document.documentElement.scrollHeight");
      emulate(width, (int) Math.max(pageHeight, height), mobile);
      Files.write(screenshots.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  private void emulate(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Waits for a finished download whose name ends so, and returns its path. */
  Path awaitDownload(String suffix) {
    return until(
        d -> {
          try (Stream<Path> files = Files.list(downloads)) {
            return files
                .filter(f -> f.getFileName().toString().endsWith(suffix))
                .findFirst()
                .orElse(null);
          } catch (IOException e) {
            return null;
          }
        });
  }

  /** Empties the download folder, so that a test sees only its own files. */
  void clearDownloads() throws IOException {
    try (Stream<Path> files = Files.list(downloads)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
  }

  /** What the browser refused because of the Content-Security-Policy since the last call. */
  List<String> cspViolations() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(message -> message.contains("Content Security Policy"))
        .toList();
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (Stream<Path> files = Files.walk(profile)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  // XPath 1.0 has no escapes: a text with a quote is put together with concat().
  private static String quoted(String text) {
    if (!text.contains("'")) {
      return "'" + text + "'";
    }
    return "concat('" + text.replace("'", "', \"'\", '") + "')";
  }
}
