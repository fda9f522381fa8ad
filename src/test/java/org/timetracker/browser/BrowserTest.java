package org.timetracker.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.timetracker.browser.Api.json;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.timetracker.testing.TestDatabase;

/**
 * The stack a browser test runs against: the packaged WAR on Payara Micro with PostgreSQL, nginx
 * with the project's configuration in front of it, and one Chromium for all tests of a class. Each
 * test signs in as a person of its own, created through the API, so tests share no data.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class BrowserTest {
  /** People created by the tests live in Berlin, so times prove the time zone is honoured. */
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  static final String PASSWORD = "correct horse battery";

  private static Nginx nginx;
  private static Browser browser;
  private static Api admin;

  @ArquillianResource URL url;

  @Deployment(testable = false)
  static WebArchive war() {
    var war = new File(System.getProperty("timetracker.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /** Someone who can sign in: for the browser by email and password, for setup by API. */
  record Person(long id, String name, String email, String password, Api api) {}

  @BeforeEach
  void startStack() throws Exception {
    if (nginx == null) {
      nginx = Nginx.start(repo(), url.getPort());
    }
    if (browser == null) {
      browser = Browser.start(nginx.origin(), repo().resolve("target"));
    }
    browser.forgetSession();
  }

  /** A picture of the page a failed test left behind, to see what went wrong. */
  @RegisterExtension
  final TestWatcher failureScreenshots =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          try {
            browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
          } catch (Exception e) {
            cause.addSuppressed(e);
          }
        }
      };

  @AfterEach
  void refusedNothing() {
    assertEquals(List.of(), browser.cspViolations(), "the page broke its Content-Security-Policy");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (nginx != null) {
      nginx.close();
      nginx = null;
    }
    admin = null;
  }

  Browser browser() {
    return browser;
  }

  /** The application itself, without nginx: for setting up data and checking what was stored. */
  String appOrigin() {
    // The connector names the machine's first address; tests stay on loopback.
    return "http://127.0.0.1:" + url.getPort();
  }

  /** The first admin, signed in through the API. */
  Api admin() {
    if (admin == null) {
      admin = Api.signIn(appOrigin(), TestDatabase.ADMIN_EMAIL, TestDatabase.ADMIN_PASSWORD);
    }
    return admin;
  }

  /** A new member with a unique email, signed in through the API. */
  Person newMember(String name) {
    return newPerson(name, "member");
  }

  Person newPerson(String name, String role) {
    String email =
        name.toLowerCase().replace(' ', '.')
            + "."
            + UUID.randomUUID().toString().substring(0, 8)
            + "@example.test";
    var user =
        admin()
            .post(
                "/api/users",
                json(
                    "email",
                    email,
                    "name",
                    name,
                    "password",
                    PASSWORD,
                    "role",
                    role,
                    "timeZone",
                    ZONE.getId()))
            .asJsonObject();
    return new Person(
        user.getJsonNumber("id").longValue(),
        name,
        email,
        PASSWORD,
        Api.signIn(appOrigin(), email, PASSWORD));
  }

  /** A project of a person's, with an hourly rate; returns its id. */
  static long createProject(Person person, String name, double hourlyRate) {
    var project =
        json("name", name, "client", "ACME", "color", "#0ea5e9", "hourlyRate", hourlyRate);
    return person
        .api()
        .post("/api/projects", project)
        .asJsonObject()
        .getJsonNumber("id")
        .longValue();
  }

  /** A finished entry of a person's, today between two wall-clock times in their zone. */
  static void createEntry(
      Person person,
      String description,
      LocalTime start,
      LocalTime end,
      Long projectId,
      List<String> tags) {
    LocalDate today = LocalDate.now(ZONE);
    var entry =
        json(
            "description", description,
            "projectId", projectId,
            "tags", tags,
            "start", today.atTime(start).atZone(ZONE).toInstant().toString(),
            "end", today.atTime(end).atZone(ZONE).toInstant().toString());
    person.api().post("/api/entries", entry);
  }

  /** Signs in through the sign-in screen and waits for the screen that follows. */
  void signIn(Person person) {
    signIn(person.email(), person.password());
    browser.waitFor(By.cssSelector("nav[aria-label=Main]"));
  }

  void signIn(String email, String password) {
    if (!browser.route().startsWith("signin")) {
      browser.open("signin");
    }
    var form = browser.waitFor(By.cssSelector("form.signin-form"));
    browser.type(form, "Email", email);
    browser.type(form, "Password", password);
    browser.click(form, "Sign in");
  }

  private static Path repo() {
    return Path.of(System.getProperty("timetracker.root"));
  }
}
